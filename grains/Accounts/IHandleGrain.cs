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

    /// <summary>
    /// Starts a sign-in with this handle: takes one attempt from the handle's failed-sign-in allowance and returns the
    /// owner, or returns how long until an attempt is allowed. A handle nobody holds has no allowance to spend.
    /// </summary>
    [Alias("StartSignIn")]
    Task<StartSignInResult> StartSignInAsync();

    /// <summary>
    /// Gives back the attempt a sign-in took, when its password was right (only failures count) or when it could not
    /// be completed (a storage or cluster failure is not a guess).
    /// </summary>
    [Alias("ReturnSignInAttempt")]
    Task ReturnSignInAttemptAsync();
}

