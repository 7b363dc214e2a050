namespace OrleansDirect.Accounts;

/// <summary>Claim on one handle, making it unique across the cluster. Key: the canonical handle. Silo-internal.</summary>
[Alias("OrleansDirect.Accounts.IHandleGrain")]
public interface IHandleGrain : IGrainWithStringKey
{
    /// <summary>Claims the handle for <paramref name="userId"/>; true when it is (now) theirs.</summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(string userId);

    /// <summary>The user who holds the handle, if any.</summary>
    [Alias("GetOwner")]
    Task<string?> GetOwnerAsync();
}
