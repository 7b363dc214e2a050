using Microsoft.AspNetCore.Http.Features;
using OrleansDirect.Gateway.Auth;
using OrleansDirect.Gateway.Options;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Media;
using Microsoft.Extensions.Options;

namespace OrleansDirect.Gateway.Http;

/// <summary>
/// Media upload and download (see docs/protocol.md). Bodies are streamed through in chunks in both directions, never
/// held whole; the media grain detects the kind, enforces the limits, strips metadata and decides who may read.
/// </summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/media", UploadAsync).RequireAuthorization();
        app.MapGet("/v1/media/{mediaId}", DownloadAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, IClusterClient cluster, IOptions<GatewayOptions> options)
    {
        var userId = context.User.GetUserId();
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }

        var mediaId = MediaIds.New();
        var grain = cluster.GetGrain<IMediaGrain>(mediaId);
        var buffer = new byte[ChunkedDownload.ChunkSize];
        var received = false;
        try
        {
            while (true)
            {
                // Fill a whole chunk where the body allows, so the first one holds the header the kind is detected from.
                var read = await context.Request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                received = true;
                var appended = await grain.AppendAsync(userId, buffer[..read]);
                if (appended.Status == MediaStatus.RateLimited)
                {
                    return Problems.RateLimited(context, appended.RetryAfter ?? TimeSpan.FromSeconds(1), "Too many uploads; retry after 'retryAfterMs'.");
                }

                if (appended.Status != MediaStatus.Ok)
                {
                    return Problem(appended.Status);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Result(413, ErrorCodes.MediaTooLarge, $"Uploads are limited to {options.Value.MaxUploadBytes} bytes by this gateway.");
        }

        if (!received)
        {
            return Problems.Result(400, ErrorCodes.InvalidBody, "The upload is empty: send the file's bytes as the request body.");
        }

        var result = await grain.CompleteAsync(userId);
        return result is { Status: MediaStatus.Ok, Media: { } media }
            ? TypedResults.Created($"/v1/media/{media.MediaId}", new MediaResponse(media.MediaId, WireNames.Of(media.Kind), media.ContentType, media.Size))
            : Problem(result.Status == MediaStatus.InvalidState ? MediaStatus.UnsupportedType : result.Status);
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, IClusterClient cluster, string mediaId)
    {
        if (!MediaIds.IsWellFormed(mediaId))
        {
            return Problem(MediaStatus.NotFound);
        }

        var grain = cluster.GetGrain<IMediaGrain>(mediaId);
        var opened = await grain.OpenAsync(context.User.GetUserId());
        if (opened is not { Status: MediaStatus.Ok, Media: { } media, Ticket: { } ticket })
        {
            return Problem(opened.Status);
        }

        return await ChunkedDownload.WriteAsync(context, media.ContentType, media.Size, (offset, count) => grain.ReadAsync(ticket, offset, count));
    }

    private static IResult Problem(MediaStatus status) => status switch
    {
        MediaStatus.UnsupportedType => Problems.Result(415, ErrorCodes.UnsupportedMediaType,
            "Accepted: JPEG, PNG, WebP, GIF, MP4, WebM, Ogg/Opus and M4A/AAC, detected from the content."),
        MediaStatus.TooLarge => Problems.Result(413, ErrorCodes.MediaTooLarge, "The medium exceeds the size limit of its kind (see docs/protocol.md)."),
        MediaStatus.AlreadyViewed => Problems.Result(410, ErrorCodes.AlreadyViewed, "This view-once medium was already opened."),
        _ => Problems.Result(404, ErrorCodes.MediaNotFound, "No such medium for you."),
    };
}

/// <summary>Answer to an upload.</summary>
public sealed record MediaResponse(string MediaId, string Kind, string ContentType, long Size);
