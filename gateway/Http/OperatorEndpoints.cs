using System.Text.Json;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Reports;
using OrleansDirect.Validation;

namespace OrleansDirect.Gateway.Http;

/// <summary>
/// The operator's report queue over HTTP (see docs/protocol.md). The credential is the operator key, sent as
/// <c>Authorization: Operator &lt;key&gt;</c>; the gateway passes it on and the silo checks it, so a gateway holds no
/// secret and cannot grant access by itself. User session tokens are never accepted here.
/// </summary>
public static class OperatorEndpoints
{
    private const string Scheme = "Operator ";

    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/operator/reports", ListAsync);
        app.MapGet("/v1/operator/reports/{reportId}", GetAsync);
        app.MapPost("/v1/operator/reports/{reportId}/resolution", ResolveAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IClusterClient cluster, string? cursor, string? limit, string? open)
    {
        if (OperatorKey(context) is not { } key)
        {
            return Unauthorized(context);
        }

        if (!TryParseLimit(limit, out var size) || open is not (null or "true" or "false") || cursor?.Length > 64)
        {
            return Problems.Result(400, ErrorCodes.InvalidQuery, $"'limit' is 1 to {MessageRules.MaxPageSize}, 'open' is true or false, and 'cursor' is a cursor from a previous page.");
        }

        var page = await cluster.GetGrain<IReportAdminGrain>(0).ListAsync(key, new ReportListQuery(cursor, size, open == "true"));
        return page.Status switch
        {
            ReportStatus.Ok => TypedResults.Ok(new WireReportList(page.Reports.Select(WireReportSummary.From).ToList(), page.NextCursor)),
            ReportStatus.Forbidden => Forbidden(),
            _ => Problems.Result(400, ErrorCodes.InvalidQuery, "'cursor' is not a cursor this server issued."),
        };
    }

    private static async Task<IResult> GetAsync(HttpContext context, IClusterClient cluster, string reportId)
    {
        if (OperatorKey(context) is not { } key)
        {
            return Unauthorized(context);
        }

        var result = await cluster.GetGrain<IReportAdminGrain>(0).GetAsync(key, reportId);
        return ToResult(result);
    }

    private static async Task<IResult> ResolveAsync(HttpContext context, IClusterClient cluster, string reportId)
    {
        if (OperatorKey(context) is not { } key)
        {
            return Unauthorized(context);
        }

        ResolveReportRequest? body = null;
        try
        {
            body = context.Request.HasJsonContentType()
                ? await JsonSerializer.DeserializeAsync(context.Request.Body, ProtocolJsonContext.Default.ResolveReportRequest, context.RequestAborted)
                : null;
        }
        catch (JsonException)
        {
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Result(413, ErrorCodes.BodyTooLarge, "The request body is too large.");
        }

        if (body is null || !WireNames.TryParse<ReportOutcome>(body.Outcome, out var outcome) || body.Note?.Length > ReportRules.MaxResolutionNoteLength)
        {
            return Problems.Result(400, ErrorCodes.InvalidBody,
                $"The body must be a JSON object {{\"outcome\": {WireNames.All<ReportOutcome>()}, \"note\": optional string of at most {ReportRules.MaxResolutionNoteLength} characters}}, sent as application/json.");
        }

        var result = await cluster.GetGrain<IReportAdminGrain>(0).ResolveAsync(key, reportId, new ReportResolution(outcome, body.Note));
        return ToResult(result);
    }

    private static IResult ToResult(ReportResult result) => result.Status switch
    {
        ReportStatus.Ok => TypedResults.Ok(WireReport.From(result.Report!)),
        ReportStatus.Forbidden => Forbidden(),
        ReportStatus.AlreadyResolved => Problems.Result(409, ErrorCodes.AlreadyResolved, "The report was already resolved."),
        ReportStatus.Invalid => Problems.Result(400, ErrorCodes.InvalidBody, "The resolution is not valid."),
        _ => Problems.Result(404, ErrorCodes.ReportNotFound, "No such report."),
    };

    private static string? OperatorKey(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length ? header[Scheme.Length..].Trim() : null;
    }

    private static bool TryParseLimit(string? text, out int limit)
    {
        limit = MessageRules.DefaultPageSize;
        return text is null || (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) && MessageRules.IsValidPageSize(limit));
    }

    private static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Operator";
        return Problems.Result(401, ErrorCodes.Unauthorized, "Send the operator key as 'Authorization: Operator <key>'.");
    }

    private static IResult Forbidden() =>
        Problems.Result(403, ErrorCodes.Forbidden, "The operator key is wrong, or no operator key is configured on the silos (Reports:OperatorKey).");
}
