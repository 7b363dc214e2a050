using Microsoft.AspNetCore.Mvc;

namespace OrleansDirect.Gateway.Http;

/// <summary>RFC 7807 problem details with a machine-readable <c>code</c> from <see cref="Protocol.ErrorCodes"/>.</summary>
public static class Problems
{
    public static IResult Result(int status, string code, string detail) =>
        TypedResults.Problem(Create(status, code, detail));

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
