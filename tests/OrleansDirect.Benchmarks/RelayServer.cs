using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OrleansDirect.Benchmarks;

/// <summary>
/// The baseline: a bare Kestrel WebSocket relay with in-memory routing and no Orleans, persistence, authentication or
/// ordering. It shows what this machine does at all, so OrleansDirect's figures are read as a ratio to it.
/// </summary>
public sealed class RelayServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (WebSocket Socket, SemaphoreSlim Gate)> _sockets = new();
    private WebApplication? _app;

    public Uri BaseUri { get; private set; } = null!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Map("/relay/{user}", async (string user, HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            _sockets[user] = (socket, new SemaphoreSlim(1, 1));
            await RelayAsync(user, socket);
            _sockets.TryRemove(user, out _);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal));
    }

    private async Task SendToAsync(string user, ReadOnlyMemory<byte> frame)
    {
        if (_sockets.TryGetValue(user, out var target))
        {
            await target.Gate.WaitAsync();
            try
            {
                await target.Socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                target.Gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    // "to" is one user or an array of users (a group); with "ack": true the sender gets {"type":"sent"} back, like a
    // gateway's acknowledgement, so the load generator can drive both systems the same way.
    private async Task RelayAsync(string user, WebSocket socket)
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var root = JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement;
                var to = root.GetProperty("to");
                var recipients = to.ValueKind == JsonValueKind.Array ? to.EnumerateArray().Select(e => e.GetString()!).ToList() : [to.GetString()!];
                foreach (var recipient in recipients)
                {
                    await SendToAsync(recipient, buffer.AsMemory(0, result.Count));
                }

                if (root.TryGetProperty("ack", out var ack) && ack.GetBoolean())
                {
                    await SendToAsync(user, JsonSerializer.SerializeToUtf8Bytes(new { type = "sent", clientMessageId = root.GetProperty("id").GetString() }));
                }
            }
        }
        catch (WebSocketException)
        {
            // Client went away.
        }
    }
}
