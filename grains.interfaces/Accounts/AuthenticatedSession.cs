namespace OrleansDirect.Accounts;

/// <summary>Outcome of <see cref="IAccountGrain.AuthenticateAsync"/>: the session's owner, or nothing.</summary>
/// <param name="UserId">The user the session was issued to.</param>
/// <param name="SessionId">Public id of the session.</param>
/// <param name="ExpiresAt">When the session stops being accepted.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Accounts.AuthenticatedSession")]
public sealed record AuthenticatedSession(
    [property: Id(0)] string UserId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] DateTimeOffset ExpiresAt);
