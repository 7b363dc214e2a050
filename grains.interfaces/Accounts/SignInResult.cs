namespace OrleansDirect.Accounts;

/// <summary>Outcome of <see cref="IAccountGrain.SignInAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Session">The new session when <paramref name="Status"/> is <see cref="SignInStatus.SignedIn"/>.</param>
/// <param name="RetryAfter">When <see cref="SignInStatus.RateLimited"/>: how long until the handle may be tried again.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Accounts.SignInResult")]
public sealed record SignInResult(
    [property: Id(0)] SignInStatus Status,
    [property: Id(1)] IssuedSession? Session,
    [property: Id(2)] TimeSpan? RetryAfter = null);

/// <summary>
/// Sign-in outcomes. A wrong handle and a wrong password are deliberately the same outcome; only a handle that someone
/// holds can be <see cref="RateLimited"/>.
/// </summary>
[GenerateSerializer, Alias("OrleansDirect.Accounts.SignInStatus")]
public enum SignInStatus
{
    /// <summary>A session was opened.</summary>
    SignedIn,

    /// <summary>The handle does not exist or the password is wrong.</summary>
    InvalidCredentials,

    /// <summary>The handle's failed sign-ins used up its allowance; the password was not checked.</summary>
    RateLimited,
}

/// <summary>A freshly issued session. The token is shown exactly once; the cluster keeps only its hash.</summary>
/// <param name="Token">Opaque bearer token.</param>
/// <param name="SessionId">Public id of the session (not a secret).</param>
/// <param name="User">The signed-in account.</param>
/// <param name="ExpiresAt">When the session stops being accepted.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Accounts.IssuedSession")]
public sealed record IssuedSession(
    [property: Id(0)] string Token,
    [property: Id(1)] string SessionId,
    [property: Id(2)] UserProfileView User,
    [property: Id(3)] DateTimeOffset ExpiresAt);
