namespace OrleansDirect.Users;

/// <summary>Persisted state of <see cref="UserGrain"/>. Bounded: sessions are capped by <c>Accounts:MaxSessionsPerUser</c>.</summary>
[GenerateSerializer, Alias("OrleansDirect.Users.UserState")]
public sealed class UserState
{
    /// <summary>Canonical handle; null until the account exists.</summary>
    [Id(0)] public string? Handle { get; set; }

    /// <summary>Self-describing password hash.</summary>
    [Id(1)] public string? PasswordHash { get; set; }

    /// <summary>When the account was created.</summary>
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Open sessions, oldest first.</summary>
    [Id(3)] public List<UserSessionRef> Sessions { get; set; } = [];
}

/// <summary>A session as its owner's grain remembers it.</summary>
/// <param name="SessionKey">Key of the session grain (hash of the token).</param>
/// <param name="SessionId">Public session id.</param>
/// <param name="ExpiresAt">Expiry.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Users.UserSessionRef")]
public sealed record UserSessionRef([property: Id(0)] string SessionKey, [property: Id(1)] string SessionId, [property: Id(2)] DateTimeOffset ExpiresAt);
