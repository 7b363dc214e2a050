namespace OrleansDirect.Tests;

/// <summary>
/// Settings every test silo uses: cheaper password hashing, and small limits that tests can reach. Accounts are never
/// "new" and rate limits are generous here, so tests of other things are not shaped by them; the tests of those two
/// rules start their own system with <see cref="Strict"/>.
/// </summary>
public static class TestSettings
{
    /// <summary>Where test silos keep media bytes (one directory per test process).</summary>
    public static readonly string MediaDirectory = Path.Combine(Path.GetTempPath(), "orleansdirect-media-" + Guid.NewGuid().ToString("N"));

    /// <summary>The operator key of test silos.</summary>
    public const string OperatorKey = "test-operator-key-0123456789abcdefghijklmnop";

    public static readonly IReadOnlyDictionary<string, string?> Silo = new Dictionary<string, string?>
    {
        ["Accounts:PasswordHashIterations"] = "10000",
        ["Accounts:MaxSessionsPerUser"] = "3",
        ["Accounts:SignInFailuresPerHour"] = "3",
        ["Conversations:IdempotencyWindow"] = "16",
        ["Conversations:DisappearingTimers:0"] = "00:00:02",
        ["Conversations:DisappearingTimers:1"] = "00:00:10",
        ["Conversations:DisappearingTimers:2"] = "00:01:00",
        ["Privacy:NewAccountAge"] = "00:00:00",
        ["Privacy:MaxBlocked"] = "3",
        ["Privacy:FollowersPerSegment"] = "10",
        ["Privacy:DefaultHiddenWords:0"] = "builtin-banned-phrase",
        ["RateLimits:MessagesPerSecond"] = "1000",
        ["RateLimits:MessageBurst"] = "10000",
        ["RateLimits:NewConversationsPerHour"] = "100000",
        ["RateLimits:RequestsPerHour"] = "100000",
        ["RateLimits:FollowsPerHour"] = "100000",
        ["RateLimits:ReportsPerHour"] = "100000",
        ["RateLimits:TypingPerSecond"] = "1000",
        ["RateLimits:TypingBurst"] = "10000",
        ["RateLimits:UploadsPerHour"] = "100000",
        ["RateLimits:ExportsPerDay"] = "10000",
        ["Reports:OperatorKey"] = OperatorKey,
        ["Media:Directory"] = MediaDirectory,
        ["Media:MaxImageBytes"] = "204800",
        ["Media:MaxVideoBytes"] = "1048576",
        ["Media:MaxVoiceBytes"] = "102400",
    };

    /// <summary>
    /// Real-world rules at test scale: accounts are new for a day, every bucket is tiny and slow to refill, and the
    /// shipped hidden words list applies (no configured one).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Strict = new Dictionary<string, string?>(
        Silo.Where(s => s.Key != "Privacy:DefaultHiddenWords:0"))
    {
        ["Privacy:NewAccountAge"] = "1.00:00:00",
        ["RateLimits:MessagesPerSecond"] = "0.01",
        ["RateLimits:MessageBurst"] = "3",
        ["RateLimits:NewConversationsPerHour"] = "2",
        ["RateLimits:RequestsPerHour"] = "1",
        ["RateLimits:FollowsPerHour"] = "2",
        ["RateLimits:ReportsPerHour"] = "1",
        ["RateLimits:TypingPerSecond"] = "0.01",
        ["RateLimits:TypingBurst"] = "2",
        ["RateLimits:UploadsPerHour"] = "2",
        ["RateLimits:ExportsPerDay"] = "1",
    };
}
