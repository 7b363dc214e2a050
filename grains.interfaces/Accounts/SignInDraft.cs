namespace OrleansDirect.Accounts;

/// <summary>Input to <see cref="IAccountGrain.SignInAsync"/>.</summary>
/// <param name="Handle">The account's handle, in any letter case.</param>
/// <param name="Password">The account's password.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Accounts.SignInDraft")]
public sealed record SignInDraft([property: Id(0)] string Handle, [property: Id(1)] string Password);
