namespace OrleansDirect.Streams;

/// <summary>One of the recipient's sessions was revoked; connections opened with it must close.</summary>
/// <param name="SessionId">Public id of the revoked session.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.SessionRevoked")]
public sealed record SessionRevoked([property: Id(0)] string SessionId) : UserEvent;
