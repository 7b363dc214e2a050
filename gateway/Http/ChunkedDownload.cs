namespace OrleansDirect.Gateway.Http;

/// <summary>Streams a body of known size from a grain, chunk by chunk, never holding it whole.</summary>
internal static class ChunkedDownload
{
    /// <summary>Bytes per chunk between the gateway and a grain, for uploads and downloads.</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Writes <paramref name="size"/> bytes read through <paramref name="read"/> (offset, count); if the source ends early
    /// (deleted while being read) the connection is aborted, so the client sees a truncated response, never a short
    /// "complete" one.
    /// </summary>
    public static async Task<IResult> WriteAsync(HttpContext context, string contentType, long size, Func<long, int, Task<byte[]?>> read)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = size;
        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        for (long offset = 0; offset < size;)
        {
            var chunk = await read(offset, ChunkSize);
            if (chunk is not { Length: > 0 })
            {
                context.Abort();
                return Results.Empty;
            }

            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            offset += chunk.Length;
        }

        return Results.Empty;
    }
}
