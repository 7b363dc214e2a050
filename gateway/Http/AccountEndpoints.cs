using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDirect.Accounts;
using OrleansDirect.Gateway.Auth;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Validation;

namespace OrleansDirect.Gateway.Http;

/// <summary>Sign-up, sign-in, sign-out and profile lookups over HTTP (see docs/protocol.md).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/accounts", SignUpAsync);
        v1.MapPost("/sessions", SignInAsync);
        v1.MapDelete("/sessions/current", SignOutAsync).RequireAuthorization();
        v1.MapGet("/me", GetMeAsync).RequireAuthorization();
        v1.MapGet("/users/{handle}", FindUserAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignUpAsync(HttpContext context, IClusterClient cluster)
    {
        if (await ReadCredentialsAsync(context) is not { } body)
        {
            return BodyProblem(context);
        }

        var result = await cluster.GetGrain<IAccountGrain>(0).SignUpAsync(new SignUpDraft(body.Handle ?? "", body.Password ?? ""));
        return result.Status switch
        {
            SignUpStatus.Created => TypedResults.Created($"/v1/users/{result.User!.Handle}", ProfileResponse.From(result.User)),
            SignUpStatus.InvalidHandle => Problems.Result(400, ErrorCodes.InvalidHandle,
                $"A handle has {HandleRules.MinLength} to {HandleRules.MaxLength} characters: letters, digits, '_' and '.', not starting or ending with '.', and no '..'."),
            SignUpStatus.InvalidPassword => Problems.Result(400, ErrorCodes.InvalidPassword,
                $"A password has {PasswordRules.MinLength} to {PasswordRules.MaxLength} characters."),
            _ => Problems.Result(409, ErrorCodes.HandleTaken, "That handle is taken."),
        };
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IClusterClient cluster)
    {
        if (await ReadCredentialsAsync(context) is not { } body)
        {
            return BodyProblem(context);
        }

        var result = await cluster.GetGrain<IAccountGrain>(0).SignInAsync(new SignInDraft(body.Handle ?? "", body.Password ?? ""));
        if (result is { Status: SignInStatus.RateLimited, RetryAfter: { } wait })
        {
            return Problems.RateLimited(context, wait, "Too many failed sign-ins with this handle; retry after 'retryAfterMs'.");
        }

        if (result is not { Status: SignInStatus.SignedIn, Session: { } s })
        {
            return Problems.Result(401, ErrorCodes.InvalidCredentials, "Wrong handle or password.");
        }

        return TypedResults.Created("/v1/sessions/current", new SessionResponse(s.Token, s.SessionId, s.ExpiresAt, ProfileResponse.From(s.User)));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context, IClusterClient cluster)
    {
        await cluster.GetGrain<IAccountGrain>(0).SignOutAsync((string)context.Items[SessionAuthenticationHandler.TokenItem]!);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetMeAsync(HttpContext context, IClusterClient cluster)
    {
        var userId = context.User.GetUserId();
        var profile = await cluster.GetGrain<IAccountGrain>(0).FindByUserIdAsync(userId);
        return profile is null ? Problems.Result(404, ErrorCodes.UserNotFound, "No such user.") : TypedResults.Ok(ProfileResponse.From(profile));
    }

    private static async Task<IResult> FindUserAsync(string handle, IClusterClient cluster)
    {
        var profile = await cluster.GetGrain<IAccountGrain>(0).FindByHandleAsync(handle);
        return profile is null ? Problems.Result(404, ErrorCodes.UserNotFound, "No such user.") : TypedResults.Ok(ProfileResponse.From(profile));
    }

    private static async Task<CredentialsRequest?> ReadCredentialsAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, ProtocolJsonContext.Default.CredentialsRequest, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Items["body-too-large"] = true;
            return null;
        }
    }

    private static IResult BodyProblem(HttpContext context) => context.Items.ContainsKey("body-too-large")
        ? Problems.Result(413, ErrorCodes.BodyTooLarge, "The request body is too large.")
        : Problems.Result(400, ErrorCodes.InvalidBody, "The body must be a JSON object: {\"handle\": string, \"password\": string}, sent as application/json.");
}
