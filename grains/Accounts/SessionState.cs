namespace OrleansDirect.Accounts;

/// <summary>Persisted state of <see cref="SessionGrain"/>.</summary>
[GenerateSerializer, Alias("OrleansDirect.Accounts.SessionState")]
public sealed class SessionState
{
    /// <summary>Owner of the session.</summary>
    [Id(0)] public string? UserId { get; set; }

    /// <summary>Public id of the session.</summary>
    [Id(1)] public string? SessionId { get; set; }

    /// <summary>When the session stops being accepted.</summary>
    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }
}
