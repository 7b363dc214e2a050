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
    Task<SignInAttempt> StartSignInAsync();

    /// <summary>Gives back the attempt a sign-in took when its password was right: only failures count.</summary>
    [Alias("SignInSucceeded")]
    Task SignInSucceededAsync();
}

/// <summary>The answer to <see cref="IHandleGrain.StartSignInAsync"/>.</summary>
/// <param name="OwnerUserId">The user holding the handle, or null when nobody does.</param>
/// <param name="RetryAfter">Set when the allowance is used up: how long until one more attempt is allowed.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Accounts.SignInAttempt")]
public sealed record SignInAttempt([property: Id(0)] string? OwnerUserId, [property: Id(1)] TimeSpan? RetryAfter);
