using OrleansDirect.Exports;
using OrleansDirect.Gateway.Auth;
using OrleansDirect.Gateway.Protocol;

namespace OrleansDirect.Gateway.Http;

/// <summary>"Download your data" (see docs/protocol.md): start an archive, watch it, download it while it lasts.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/exports", StartAsync).RequireAuthorization();
        app.MapGet("/v1/exports/{exportId}", GetAsync).RequireAuthorization();
        app.MapGet("/v1/exports/{exportId}/archive", DownloadAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> StartAsync(HttpContext context, IClusterClient cluster)
    {
        var exportId = ExportIds.New();
        var started = await cluster.GetGrain<IExportGrain>(exportId).StartAsync(context.User.GetUserId());
        return started switch
        {
            { View: { } view } => TypedResults.Accepted($"/v1/exports/{exportId}", ExportResponse.From(view)),
            { RetryAfter: { } wait } => Problems.RateLimited(context, wait, "Too many data downloads started; retry after 'retryAfterMs'."),
            _ => Problems.Result(404, ErrorCodes.ExportNotFound, "No such export."),
        };
    }

    private static async Task<IResult> GetAsync(HttpContext context, IClusterClient cluster, string exportId) =>
        ExportIds.IsWellFormed(exportId) && await cluster.GetGrain<IExportGrain>(exportId).GetAsync(context.User.GetUserId()) is { } view
            ? TypedResults.Ok(ExportResponse.From(view))
            : Problems.Result(404, ErrorCodes.ExportNotFound, "No such export.");

    private static async Task<IResult> DownloadAsync(HttpContext context, IClusterClient cluster, string exportId)
    {
        var userId = context.User.GetUserId();
        var grain = cluster.GetGrain<IExportGrain>(exportId);
        if (!ExportIds.IsWellFormed(exportId) || await grain.GetAsync(userId) is not { } view)
        {
            return Problems.Result(404, ErrorCodes.ExportNotFound, "No such export.");
        }

        if (view.Status != ExportStatus.Ready || await grain.OpenAsync(userId) is not { } ticket)
        {
            return view.Status == ExportStatus.Building
                ? Problems.Result(409, ErrorCodes.ExportNotReady, "The archive is still being built; poll GET /v1/exports/{id}.")
                : Problems.Result(410, ErrorCodes.ExportExpired, "The archive expired or failed; start a new export.");
        }

        context.Response.Headers.ContentDisposition = $"attachment; filename=\"orleansdirect-data-{exportId}.zip\"";
        return await ChunkedDownload.WriteAsync(context, "application/zip", view.Size, (offset, count) => grain.ReadAsync(ticket, offset, count));
    }
}

/// <summary>An export as its owner sees it over HTTP.</summary>
public sealed record ExportResponse(string ExportId, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, long Size, string? DownloadUrl)
{
    public static ExportResponse From(ExportView v) =>
        new(v.ExportId, WireNames.Of(v.Status), v.CreatedAt, v.ExpiresAt, v.Size, v.Status == ExportStatus.Ready ? $"/v1/exports/{v.ExportId}/archive" : null);
}
