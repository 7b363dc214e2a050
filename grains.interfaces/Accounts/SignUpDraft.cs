namespace OrleansDirect.Accounts;

/// <summary>Input to <see cref="IAccountGrain.SignUpAsync"/>.</summary>
/// <param name="Handle">Requested handle; see <see cref="Validation.HandleRules"/>.</param>
/// <param name="Password">Password; see <see cref="Validation.PasswordRules"/>.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Accounts.SignUpDraft")]
public sealed record SignUpDraft([property: Id(0)] string Handle, [property: Id(1)] string Password);
