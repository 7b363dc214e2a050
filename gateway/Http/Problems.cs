using Microsoft.AspNetCore.Mvc;

namespace OrleansDirect.Gateway.Http;

/// <summary>RFC 7807 problem details with a machine-readable <c>code</c> from <see cref="Protocol.ErrorCodes"/>.</summary>
public static class Problems
{
    public static IResult Result(int status, string code, string detail) =>
        TypedResults.Problem(Create(status, code, detail));

    /// <summary>
    /// <c>429 rate_limited</c> with the wait as <c>retryAfterMs</c> (milliseconds, at least 1) and as the
    /// <c>Retry-After</c> header (whole seconds, rounded up).
    /// </summary>
    public static IResult RateLimited(HttpContext context, TimeSpan wait, string detail)
    {
        var milliseconds = Math.Max(1, (long)Math.Ceiling(wait.TotalMilliseconds));
        context.Response.Headers.RetryAfter = ((milliseconds + 999) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = Create(429, Protocol.ErrorCodes.RateLimited, detail);
        problem.Extensions["retryAfterMs"] = milliseconds;
        return TypedResults.Problem(problem);
    }

    public static Task Write(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Create(status, code, detail), options: null, contentType: "application/problem+json");
    }

    private static ProblemDetails Create(int status, string code, string detail) => new()
    {
        Status = status,
        Type = $"urn:orleansdirect:problem:{code}",
        Title = code,
        Detail = detail,
        Extensions = { ["code"] = code },
    };
}
