namespace OrleansDirect.Accounts;

/// <summary>Outcome of <see cref="IAccountGrain.SignUpAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="User">The new account's profile when <paramref name="Status"/> is <see cref="SignUpStatus.Created"/>.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Accounts.SignUpResult")]
public sealed record SignUpResult([property: Id(0)] SignUpStatus Status, [property: Id(1)] UserProfileView? User);

/// <summary>Sign-up outcomes.</summary>
[GenerateSerializer, Alias("OrleansDirect.Accounts.SignUpStatus")]
public enum SignUpStatus
{
    /// <summary>The account was created.</summary>
    Created,

    /// <summary>The handle breaks the handle rules.</summary>
    InvalidHandle,

    /// <summary>The password breaks the password rules.</summary>
    InvalidPassword,

    /// <summary>Another account holds the handle.</summary>
    HandleTaken,
}
