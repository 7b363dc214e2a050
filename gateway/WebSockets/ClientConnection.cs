using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrleansDirect.Gateway.Hosting;
using OrleansDirect.Gateway.Options;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Streams;

namespace OrleansDirect.Gateway.WebSockets;

/// <summary>
/// One client WebSocket. A receive loop handles client frames one at a time; a single pump owns every write to the
/// socket and drains a bounded outbox of responses and stream events, so frames for a conversation leave in
/// sequence order and a slow reader cannot grow gateway memory: when the outbox is full the connection is closed
/// with <see cref="CloseCodes.SendQueueOverflow"/> and the client catches up after reconnecting.
/// </summary>
public sealed partial class ClientConnection : IUserEventSink
{
    private readonly WebSocket _socket;
    private readonly IClusterClient _cluster;
    private readonly UserStreamHub _hub;
    private readonly GatewayOptions _options;
    private readonly ILogger<ClientConnection> _logger;
    private readonly GatewayMetrics _metrics;
    private readonly Channel<Outgoing> _outbox;
    private volatile bool _overflowed;
    private int _overflowSignalled;
    private long _authDeadline;
    private volatile bool _ending;
    private Timer? _expiryTimer;

    // Timer due times are capped; longer sessions re-arm the timer.
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(1);
    private CancellationTokenSource? _lifetime;
    private string? _userId;
    private string? _sessionId;

    public ClientConnection(WebSocket socket, IClusterClient cluster, UserStreamHub hub, IOptions<GatewayOptions> options, GatewayMetrics metrics, ILogger<ClientConnection> logger)
    {
        _metrics = metrics;
        _socket = socket;
        _cluster = cluster;
        _hub = hub;
        _options = options.Value;
        _logger = logger;
        _outbox = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(_options.SendQueueCapacity) { SingleReader = true });
    }

    /// <summary>
    /// Serves the socket until either side closes it. When <paramref name="stopping"/> fires, the client is sent
    /// 1001 (going away) after what is already queued, and reconnects elsewhere.
    /// </summary>
    public async Task RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        _metrics.ConnectionOpened();
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        _lifetime = lifetime;
        var pump = PumpAsync(lifetime.Token);
        using var onStopping = stopping.Register(() => Enqueue(new CloseWork(WebSocketCloseStatus.EndpointUnavailable, "server shutting down")));
        _authDeadline = Environment.TickCount64 + (long)_options.AuthTimeout.TotalMilliseconds;
        using var authTimer = new Timer(_ => OnAuthTimeout(), null, _options.AuthTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            await ReceiveLoopAsync(lifetime.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The peer vanished or the server is stopping; nothing to tell the client.
        }
        finally
        {
            if (_userId is not null)
            {
                await _hub.DetachAsync(_userId, this);
            }

            _ending = true;
            if (_expiryTimer is not null)
            {
                await _expiryTimer.DisposeAsync();
            }

            _outbox.Writer.TryComplete();
            lifetime.CancelAfter(TimeSpan.FromSeconds(5));
            await pump;
            _metrics.ConnectionClosed();
            LogClosed(_logger, _userId ?? "-", _socket.CloseStatus is { } status ? (int)status : 0);
        }
    }

    void IUserEventSink.Deliver(UserEvent evt) => Enqueue(new LiveEvent(evt));

    void IUserEventSink.RequestResync() => Enqueue(new SendFrame(new ResyncFrame()));

    void IUserEventSink.RequestReconnect() => Enqueue(new CloseWork(WebSocketCloseStatus.EndpointUnavailable, "live feed lost; reconnect"));

    private void Send(ServerFrame frame) => Enqueue(new SendFrame(frame));

    private void Enqueue(Outgoing item)
    {
        // Once a close is on its way, nothing more is sent.
        if (_ending || _overflowed)
        {
            return;
        }

        if (item is CloseWork)
        {
            _ending = true;
        }

        if (_outbox.Writer.TryWrite(item))
        {
            return;
        }

        // Full: the client is not keeping up. Whatever is queued is dropped and the socket is closed; if even the
        // close frame cannot be written, the socket is aborted.
        MarkOverflowed();
    }

    /// <summary>Marks the connection overflowed (once): the pump closes it with 4004, and it is aborted if still open after the timeout.</summary>
    private void MarkOverflowed()
    {
        if (Interlocked.Exchange(ref _overflowSignalled, 1) != 0)
        {
            return;
        }

        _overflowed = true;
        _metrics.SendQueueOverflowed();
        LogOverflow(_logger, _userId ?? "-");
        _ = AbortIfStillOpenAsync();
    }

    private async Task AbortIfStillOpenAsync()
    {
        await Task.Delay(_options.OverflowCloseTimeout);
        if (_socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
        {
            _socket.Abort();
        }
    }

    /// <summary>A socket does not outlive its session: at expiry it is closed like a revoked one.</summary>
    private void CloseWhenExpired(DateTimeOffset expiresAt)
    {
        var remaining = expiresAt - DateTimeOffset.UtcNow;
        var due = remaining <= TimeSpan.Zero ? TimeSpan.Zero : remaining < MaxTimerDue ? remaining : MaxTimerDue;
        _expiryTimer = new Timer(_ =>
        {
            if (DateTimeOffset.UtcNow >= expiresAt)
            {
                Enqueue(new CloseWork(CloseCodes.SessionRevoked, "session expired"));
            }
            else
            {
                CloseWhenExpired(expiresAt);
            }
        }, null, due, Timeout.InfiniteTimeSpan);
    }

    private void OnAuthTimeout()
    {
        if (Volatile.Read(ref _userId) is null)
        {
            Enqueue(new CloseWork(CloseCodes.AuthTimeout, "auth timeout"));
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellation)
    {
        while (_socket.State == WebSocketState.Open)
        {
            var (kind, text) = await ReceiveFrameAsync(cancellation);
            if ((_ending || _overflowed) && kind != InboundKind.Close)
            {
                // Closing: frames that cross our close frame are not acted on, so no request runs unanswered.
                continue;
            }

            switch (kind)
            {
                case InboundKind.Close:
                    Enqueue(new CloseWork(WebSocketCloseStatus.NormalClosure, "bye"));
                    return;
                case InboundKind.Binary:
                    Send(new ErrorFrame(ErrorCodes.BinaryNotSupported, "Frames must be UTF-8 JSON text frames."));
                    break;
                case InboundKind.TooLarge:
                    Send(new ErrorFrame(ErrorCodes.FrameTooLarge, $"Frames are limited to {_options.MaxFrameBytes} bytes."));
                    break;
                default:
                    await HandleTextAsync(text!);
                    break;
            }
        }
    }

    /// <summary>
    /// Reads one client frame. An idle connection holds no receive buffer: a zero-byte read waits for the next frame,
    /// and only then is a buffer rented from the shared pool; it goes back once the frame's text is copied out.
    /// </summary>
    private async Task<(InboundKind Kind, byte[]? Text)> ReceiveFrameAsync(CancellationToken cancellation)
    {
        var first = await _socket.ReceiveAsync(Memory<byte>.Empty, cancellation);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return (InboundKind.Close, null);
        }

        if (first.EndOfMessage)
        {
            // An empty frame: nothing more to read.
            return first.MessageType == WebSocketMessageType.Binary ? (InboundKind.Binary, null) : (InboundKind.Text, []);
        }

        // Exactly MaxFrameBytes: a pooled array of that size (a power of two by default) stays off the large object heap.
        var limit = _options.MaxFrameBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        var count = 0;
        try
        {
            var tooLarge = false;
            byte[]? discard = null;
            while (true)
            {
                // Past the limit, the rest of the frame is read into a scratch buffer and thrown away.
                var result = count < limit
                    ? await _socket.ReceiveAsync(buffer.AsMemory(count, limit - count), cancellation)
                    : await _socket.ReceiveAsync((discard ??= new byte[4096]).AsMemory(), cancellation);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (InboundKind.Close, null);
                }

                if (count < limit)
                {
                    count += result.Count;
                }
                else
                {
                    tooLarge |= result.Count > 0;
                }

                if (result.EndOfMessage)
                {
                    return result.MessageType == WebSocketMessageType.Binary ? (InboundKind.Binary, null)
                        : tooLarge ? (InboundKind.TooLarge, null)
                        : (InboundKind.Text, buffer.AsSpan(0, count).ToArray());
                }
            }
        }
        finally
        {
            // Cleared before it goes back: the pool is shared, and frames carry message text and session tokens.
            buffer.AsSpan(0, count).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendFrameAsync(ServerFrame frame, CancellationToken cancellation)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, frame.GetType(), ProtocolJsonContext.Default);
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellation);
    }

    private enum InboundKind
    {
        Text,
        Binary,
        TooLarge,
        Close,
    }

    private abstract record Outgoing;

    private sealed record SendFrame(ServerFrame Frame) : Outgoing;

    private sealed record LiveEvent(UserEvent Event) : Outgoing;

    private sealed record DiscardHeldEvents : Outgoing;

    private sealed record SyncWork(IReadOnlyDictionary<string, long> Cursors, string? ReplyTo) : Outgoing;

    private sealed record CloseWork(WebSocketCloseStatus Code, string Reason) : Outgoing
    {
        public CloseWork(int code, string reason) : this((WebSocketCloseStatus)code, reason)
        {
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Connection of {UserId} closed with {CloseStatus}")]
    private static partial void LogClosed(ILogger logger, string userId, int closeStatus);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Send queue of a connection of {UserId} overflowed; closing it")]
    private static partial void LogOverflow(ILogger logger, string userId);
}
