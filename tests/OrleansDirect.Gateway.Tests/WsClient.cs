using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace OrleansDirect.Tests;

/// <summary>A test device: a real ClientWebSocket whose incoming frames are queued for the test to await.</summary>
public sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonObject> _frames = Channel.CreateUnbounded<JsonObject>();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _reader;

    private WsClient(ClientWebSocket socket) => _socket = socket;

    public string Name { get; private init; } = "client";

    /// <summary>Where this client connected.</summary>
    public Uri Uri { get; private init; } = null!;

    /// <summary>The authenticated user, after <see cref="AuthAndSyncAsync"/>.</summary>
    public string? UserId { get; private set; }

    /// <summary>Completes with the close status once the server closed the connection.</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    /// <summary>
    /// Connects. A client created with <paramref name="startReading"/> false reads nothing until
    /// <see cref="StartReading"/>, and uses a small socket receive buffer so that it fills up quickly.
    /// </summary>
    public static async Task<WsClient> ConnectAsync(Uri uri, string name, bool startReading = true)
    {
        var socket = new ClientWebSocket();
        var handler = new SocketsHttpHandler();
        if (!startReading)
        {
            handler.ConnectCallback = async (context, cancellation) =>
            {
                var s = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
                await s.ConnectAsync(context.DnsEndPoint, cancellation);
                return new NetworkStream(s, ownsSocket: true);
            };
        }

        await socket.ConnectAsync(uri, new HttpMessageInvoker(handler), CancellationToken.None);
        var client = new WsClient(socket) { Name = name, Uri = uri };
        if (startReading)
        {
            client.StartReading();
        }

        return client;
    }

    public void StartReading() => _reader ??= Task.Run(ReadLoopAsync);

    public Task SendAsync(object frame) => SendTextAsync(JsonSerializer.Serialize(frame));

    public Task SendTextAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public Task SendRawAsync(byte[] bytes, WebSocketMessageType type) =>
        _socket.SendAsync(bytes, type, endOfMessage: true, CancellationToken.None);

    /// <summary>Sends one text message as several WebSocket frames (continuation frames after the first).</summary>
    public async Task SendFragmentedAsync(params byte[][] fragments)
    {
        for (var i = 0; i < fragments.Length; i++)
        {
            await _socket.SendAsync(fragments[i], WebSocketMessageType.Text, endOfMessage: i == fragments.Length - 1, CancellationToken.None);
        }
    }

    /// <summary>The next frame, whatever it is.</summary>
    public async Task<JsonObject> NextAsync(string what, TimeSpan? timeout = null) =>
        await Await.Signal(_frames.Reader.ReadAsync().AsTask(), $"{Name}: {what}", timeout);

    /// <summary>The next frame, which must be of <paramref name="type"/>.</summary>
    public async Task<JsonObject> ExpectAsync(string type, string what)
    {
        var frame = await NextAsync(what);
        Assert.True(type == (string?)frame["type"], $"{Name}: expected '{type}' ({what}) but got {frame.ToJsonString()}");
        return frame;
    }

    /// <summary>
    /// Skips frames until one of <paramref name="type"/> arrives (or an error, when the type is written
    /// "&lt;type&gt; or error"; any type for "*"), each frame within <paramref name="timeout"/>.
    /// </summary>
    public async Task<JsonObject> WaitForAsync(string type, string what, Func<JsonObject, bool>? match = null, TimeSpan? timeout = null)
    {
        while (true)
        {
            var frame = await NextAsync(what, timeout);
            var typeMatches = type == "*" || (type.EndsWith(" or error", StringComparison.Ordinal)
                ? (string?)frame["type"] == type[..type.IndexOf(' ', StringComparison.Ordinal)] || (string?)frame["type"] == "error"
                : (string?)frame["type"] == type);
            if (typeMatches && (match is null || match(frame)))
            {
                return frame;
            }
        }
    }

    public Task<WebSocketCloseStatus?> WaitClosedAsync(string what) => Await.Signal(_closed.Task, $"{Name}: {what}");

    /// <summary>Authenticates and runs the first sync with the given cursors.</summary>
    public async Task<JsonObject> AuthAndSyncAsync(string token, IReadOnlyDictionary<string, long>? cursors = null)
    {
        await SendAsync(new { type = "auth", token });
        UserId = (string?)(await ExpectAsync("ready", "ready after auth"))["userId"];
        await SendAsync(new { type = "sync", id = "sync-1", cursors = cursors ?? new Dictionary<string, long>() });
        return await WaitForAsync("sync_done", "sync_done");
    }

    /// <summary>Authenticates, syncs with <paramref name="cursors"/>, and returns the catch-up frames and the <c>sync_done</c>.</summary>
    public async Task<(List<JsonObject> Frames, JsonObject Done)> AuthAndCollectSyncAsync(string token, IReadOnlyDictionary<string, long> cursors)
    {
        await SendAsync(new { type = "auth", token });
        await ExpectAsync("ready", "ready after auth");
        await SendAsync(new { type = "sync", cursors });
        List<JsonObject> frames = [];
        while (true)
        {
            var frame = await NextAsync("catch-up frames up to sync_done");
            if ((string?)frame["type"] == "sync_done")
            {
                return (frames, frame);
            }

            frames.Add(frame);
        }
    }

    /// <summary>Frames received and not yet consumed.</summary>
    public List<JsonObject> Drain()
    {
        List<JsonObject> frames = [];
        while (_frames.Reader.TryRead(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Already gone.
        }

        _socket.Abort();
        if (_reader is not null)
        {
            await _reader;
        }

        _socket.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed.TrySetResult(_socket.CloseStatus);
                    return;
                }

                _frames.Writer.TryWrite(JsonNode.Parse(buffer.AsSpan(0, count))!.AsObject());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            _closed.TrySetResult(_socket.CloseStatus);
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
