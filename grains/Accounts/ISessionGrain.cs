namespace OrleansDirect.Accounts;

/// <summary>One session. Key: the lower-case hex SHA-256 of its token, so the token itself is never stored. Silo-internal.</summary>
[Alias("OrleansDirect.Accounts.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Records a new session.</summary>
    [Alias("Open")]
    Task OpenAsync(string userId, string sessionId, DateTimeOffset expiresAt);

    /// <summary>The session's owner while it is valid, else null.</summary>
    [Alias("Get")]
    Task<AuthenticatedSession?> GetAsync();

    /// <summary>Deletes the session; returns what it was, or null when there was none.</summary>
    [Alias("Revoke")]
    Task<AuthenticatedSession?> RevokeAsync();
}
