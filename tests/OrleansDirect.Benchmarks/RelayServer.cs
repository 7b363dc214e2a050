using System.Buffers;
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

    public async Task StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Map("/relay/{user}", async (string user, HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var entry = (socket, new SemaphoreSlim(1, 1));
            _sockets[user] = entry;
            try
            {
                await RelayAsync(user, socket);
            }
            finally
            {
                // Only this connection's own entry: a newer connection for the same user may have replaced it.
                _sockets.TryRemove(KeyValuePair.Create(user, entry));
            }
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
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                // That recipient went away; the others still get the frame.
            }
            finally
            {
                target.Gate.Release();
            }
        }
    }

    /// <summary>Completes when the process is asked to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app!.WaitForShutdownAsync();

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
        try
        {
            while (true)
            {
                // Like the gateway, an idle connection holds no buffer: wait with a zero-byte read, then rent one.
                var first = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (first.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
                try
                {
                    var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    await RouteAsync(user, buffer.AsMemory(0, result.Count));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (WebSocketException)
        {
            // Client went away.
        }
    }

    private async Task RouteAsync(string user, ReadOnlyMemory<byte> frame)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        var to = root.GetProperty("to");
        var recipients = to.ValueKind == JsonValueKind.Array ? to.EnumerateArray().Select(e => e.GetString()!).ToList() : [to.GetString()!];

        // Fan out to all recipients at once, as the gateway writes to each connection independently.
        await Task.WhenAll(recipients.Select(recipient => SendToAsync(recipient, frame)));

        if (root.TryGetProperty("ack", out var ack) && ack.GetBoolean())
        {
            await SendToAsync(user, JsonSerializer.SerializeToUtf8Bytes(new { type = "sent", clientMessageId = root.GetProperty("id").GetString() }));
        }
    }
}
