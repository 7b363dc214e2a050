namespace OrleansDirect.Accounts;

/// <summary>
/// The account service: sign-up, sign-in, session checks and sign-out. A stateless worker, always addressed with key
/// <c>0</c>; the data it works on is owned by the user, handle and session grains behind it.
/// </summary>
[Alias("OrleansDirect.Accounts.IAccountGrain")]
public interface IAccountGrain : IGrainWithIntegerKey
{
    /// <summary>Creates an account with a unique handle and a password.</summary>
    [Alias("SignUp")]
    Task<SignUpResult> SignUpAsync(SignUpDraft draft);

    /// <summary>Checks a handle and password and opens a new session.</summary>
    [Alias("SignIn")]
    Task<SignInResult> SignInAsync(SignInDraft draft);

    /// <summary>Resolves a session token to the user it was issued to, if it is still valid.</summary>
    [Alias("Authenticate")]
    Task<AuthenticatedSession?> AuthenticateAsync(string token);

    /// <summary>Revokes the session behind <paramref name="token"/>. Revoking an unknown or revoked token succeeds.</summary>
    [Alias("SignOut")]
    Task SignOutAsync(string token);

    /// <summary>Looks up the public profile of the account that holds <paramref name="handle"/>.</summary>
    [Alias("FindByHandle")]
    Task<UserProfileView?> FindByHandleAsync(string handle);

    /// <summary>Looks up the public profile of <paramref name="userId"/>.</summary>
    [Alias("FindByUserId")]
    Task<UserProfileView?> FindByUserIdAsync(string userId);
}
