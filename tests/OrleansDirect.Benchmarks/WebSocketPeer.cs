using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OrleansDirect.Benchmarks;

/// <summary>A client socket that timestamps each frame carrying a message id as it arrives.</summary>
public sealed class WebSocketPeer : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _arrivals = new();
    private readonly Func<JsonElement, string?> _messageIdOf;
    private readonly ConcurrentQueue<JsonElement> _other = new();
    private readonly SemaphoreSlim _otherSignal = new(0);
    private Task? _reader;

    public WebSocketPeer(Func<JsonElement, string?> messageIdOf) => _messageIdOf = messageIdOf;

    public async Task ConnectAsync(Uri uri)
    {
        await _socket.ConnectAsync(uri, CancellationToken.None);
        _reader = Task.Run(ReadAsync);
    }

    public Task SendAsync(object frame) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task<long> ArrivalOf(string messageId) =>
        _arrivals.GetOrAdd(messageId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>The next frame that does not carry a message id (responses), within 30 s.</summary>
    public async Task<JsonElement> NextOtherAsync(Func<JsonElement, bool> match)
    {
        while (true)
        {
            if (!await _otherSignal.WaitAsync(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("No response frame within 30 s.");
            }

            if (_other.TryDequeue(out var frame) && match(frame))
            {
                return frame;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        if (_reader is not null)
        {
            await _reader;
        }

        _socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
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
                while (!result.EndOfMessage);

                var now = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var frame = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, count)).RootElement.Clone();
                if (_messageIdOf(frame) is { } id)
                {
                    _arrivals.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
                }
                else
                {
                    _other.Enqueue(frame);
                    _otherSignal.Release();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed.
        }
    }
}
