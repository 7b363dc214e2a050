using OrleansDirect.Accounts;

namespace OrleansDirect.Users;

/// <summary>The account side of a user: credentials and the list of open sessions. Key: user id. Silo-internal.</summary>
[Alias("OrleansDirect.Users.IUserAccountGrain")]
public interface IUserAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; false when it already exists.</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(string handle, string passwordHash);

    /// <summary>Removes an account whose handle could not be claimed.</summary>
    [Alias("Delete")]
    Task DeleteAsync();

    /// <summary>The public profile, or null when the account does not exist.</summary>
    [Alias("GetProfile")]
    Task<UserProfileView?> GetProfileAsync();

    /// <summary>The stored password hash, or null when the account does not exist.</summary>
    [Alias("GetPasswordHash")]
    Task<string?> GetPasswordHashAsync();

    /// <summary>Records a new session, revoking the oldest ones beyond the per-user limit.</summary>
    [Alias("AddSession")]
    Task AddSessionAsync(string sessionKey, string sessionId, DateTimeOffset expiresAt);

    /// <summary>Forgets a revoked session and tells the user's connections opened with it to close.</summary>
    [Alias("RemoveSession")]
    Task RemoveSessionAsync(string sessionKey, string sessionId);
}
