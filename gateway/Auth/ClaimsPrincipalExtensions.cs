using System.Security.Claims;

namespace OrleansDirect.Gateway.Auth;

/// <summary>The caller's identity, as established by <see cref="SessionAuthenticationHandler"/>.</summary>
public static class ClaimsPrincipalExtensions
{
    public const string UserIdClaim = "sub";
    public const string SessionIdClaim = "sid";

    public static string GetUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(UserIdClaim) ?? throw new InvalidOperationException("The request is not authenticated.");

    public static string GetSessionId(this ClaimsPrincipal user) =>
        user.FindFirstValue(SessionIdClaim) ?? throw new InvalidOperationException("The request is not authenticated.");
}
