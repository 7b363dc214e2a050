namespace OrleansDirect.Accounts;

/// <summary>The answer to <see cref="IHandleGrain.StartSignInAsync"/>.</summary>
/// <param name="OwnerUserId">The user holding the handle, or null when nobody does.</param>
/// <param name="RetryAfter">Set when the handle's allowance is used up: how long until one more attempt is allowed.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Accounts.StartSignInResult")]
public sealed record StartSignInResult([property: Id(0)] string? OwnerUserId, [property: Id(1)] TimeSpan? RetryAfter);
