namespace OrleansDirect.Gateway.Protocol;

/// <summary>Body of a successful <c>POST /v1/sessions</c>.</summary>
public sealed record SessionResponse(string Token, string SessionId, DateTimeOffset ExpiresAt, ProfileResponse User);
