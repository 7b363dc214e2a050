namespace OrleansDirect.Accounts;

/// <summary>The public face of an account.</summary>
/// <param name="UserId">Stable, opaque user id.</param>
/// <param name="Handle">Current handle, canonical (lower-case) form.</param>
/// <param name="CreatedAt">When the account was created.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Accounts.UserProfileView")]
public sealed record UserProfileView(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Handle,
    [property: Id(2)] DateTimeOffset CreatedAt);
