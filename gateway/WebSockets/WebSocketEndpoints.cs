using OrleansDirect.Gateway.Http;
using OrleansDirect.Gateway.Protocol;

namespace OrleansDirect.Gateway.WebSockets;

/// <summary>The client WebSocket endpoint, <c>/v1/ws</c>.</summary>
public static class WebSocketEndpoints
{
    public const string Path = "/v1/ws";

    public static IEndpointRouteBuilder MapWebSocketEndpoints(this IEndpointRouteBuilder app)
    {
        app.Map(Path, async (HttpContext context, IHostApplicationLifetime lifetime) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                await Problems.Write(context, StatusCodes.Status400BadRequest, ErrorCodes.NotWebSocket, "This endpoint only accepts WebSocket upgrades.");
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = ActivatorUtilities.CreateInstance<ClientConnection>(context.RequestServices, socket);
            await connection.RunAsync(context.RequestAborted, lifetime.ApplicationStopping);
        });
        return app;
    }
}
