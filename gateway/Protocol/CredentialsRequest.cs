namespace OrleansDirect.Gateway.Protocol;

/// <summary>Body of <c>POST /v1/accounts</c> and <c>POST /v1/sessions</c>.</summary>
public sealed record CredentialsRequest(string? Handle, string? Password);
