using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OrleansDirect.Accounts;
using OrleansDirect.Gateway.Http;
using OrleansDirect.Gateway.Protocol;

namespace OrleansDirect.Gateway.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> for HTTP endpoints. The token is checked by the account grains on every
/// request, so a revoked session stops working at once on every gateway.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IClusterClient cluster) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "SessionToken";
    public const string TokenItem = "session-token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        var session = await cluster.GetGrain<IAccountGrain>(0).AuthenticateAsync(token);
        if (session is null)
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked session token.");
        }

        Context.Items[TokenItem] = token;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimsPrincipalExtensions.UserIdClaim, session.UserId), new Claim(ClaimsPrincipalExtensions.SessionIdClaim, session.SessionId)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "A valid session token is required (Authorization: Bearer <token>).");
}
