namespace OrleansDirect.Hosting;

/// <summary>Privacy and social graph settings (configuration section <c>Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Privacy";

    /// <summary>
    /// Accounts younger than this are "new": with the recipient's <c>newAccountsNeedApproval</c> setting on (the
    /// default), their messages always go to Requests, even to people who follow them.
    /// </summary>
    public TimeSpan NewAccountAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most accounts one user may follow.</summary>
    public int MaxFollowing { get; set; } = 7_500;

    /// <summary>Most accounts one user may block.</summary>
    public int MaxBlocked { get; set; } = 10_000;

    /// <summary>Most accounts one user may restrict.</summary>
    public int MaxRestricted { get; set; } = 10_000;

    /// <summary>
    /// Followers per stored segment of a follower list. A follower list of any length is stored as segments of at most
    /// this many entries; changing it affects only segments started afterwards.
    /// </summary>
    public int FollowersPerSegment { get; set; } = 1_000;

    /// <summary>
    /// The default hidden words list, applied to message requests for users whose <c>defaultHiddenWords</c> setting is
    /// on. Empty (the default) means <see cref="Social.HiddenWords.BuiltIn"/>; a configured list replaces it
    /// (<c>Privacy:DefaultHiddenWords:0</c>, <c>:1</c>, ...).
    /// </summary>
    public List<string> DefaultHiddenWords { get; set; } = [];
}

/// <summary>Anti-spam token buckets per user (configuration section <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "RateLimits";

    /// <summary>Messages per second, sustained.</summary>
    public double MessagesPerSecond { get; set; } = 5;

    /// <summary>Messages that may be sent at once after a quiet spell.</summary>
    public int MessageBurst { get; set; } = 20;

    /// <summary>New conversations per hour (also the burst).</summary>
    public int NewConversationsPerHour { get; set; } = 60;

    /// <summary>Message requests (first messages to someone who has not accepted) per hour (also the burst).</summary>
    public int RequestsPerHour { get; set; } = 20;

    /// <summary>Follows per hour (also the burst).</summary>
    public int FollowsPerHour { get; set; } = 200;

    /// <summary>Reports per hour (also the burst).</summary>
    public int ReportsPerHour { get; set; } = 30;

    /// <summary>Typing notifications per second, sustained (typing is never stored, but each one is fanned out).</summary>
    public double TypingPerSecond { get; set; } = 1;

    /// <summary>Typing notifications that may be sent at once.</summary>
    public int TypingBurst { get; set; } = 5;

    /// <summary>Media uploads started per hour (also the burst).</summary>
    public int UploadsPerHour { get; set; } = 100;

    /// <summary>Data downloads (exports) started per day (also the burst). Each builds a full archive.</summary>
    public int ExportsPerDay { get; set; } = 5;
}

/// <summary>Report handling (configuration section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Reports";

    /// <summary>
    /// The operator key that the operator endpoints present. Unset: every operator call is refused. At least 32
    /// characters; keep it in a secret store.
    /// </summary>
    public string? OperatorKey { get; set; }
}
