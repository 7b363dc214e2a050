using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace OrleansDirect.Tests;

/// <summary>What a WebSocket load run does.</summary>
/// <param name="Connections">Open connections, one user each.</param>
/// <param name="Groups">Groups of <paramref name="GroupSize"/> (taken from the first connections); the rest talk in 1:1 pairs.</param>
/// <param name="GroupSize">Members per group.</param>
/// <param name="MessagesPerSender">Messages each sender sends (every pair member; three members of each group).</param>
/// <param name="RatePerSecond">0: flat out (each sender sends its next message when the previous one was acknowledged); otherwise the total send rate.</param>
/// <param name="MaxDuration">Stop sending after this long.</param>
public sealed record WsLoadSettings(int Connections, int Groups, int GroupSize, int MessagesPerSender, double RatePerSecond, TimeSpan MaxDuration);

/// <summary>The outcome of a WebSocket load run.</summary>
public sealed record WsLoadReport(
    string Target, string Mode, int Connections, int Pairs, int Groups, int GroupSize, long MessagesAccepted, double Seconds, double AcceptedPerSecond,
    long Deliveries, double DeliveriesPerSecond, double LatencyP50Ms, double LatencyP95Ms, double LatencyP99Ms, double LatencyMaxMs,
    long Lost, long Duplicated, long PeakWorkingSetBytes, double AckLatencyP50Ms, double AckLatencyP99Ms);

/// <summary>A system the generator drives: OrleansDirect through its gateway, or the bare relay baseline.</summary>
public interface IWsLoadTarget
{
    string Name { get; }

    /// <summary>
    /// Creates <paramref name="count"/> users and connects one socket each (ready to send). <paramref name="beforeSockets"/>
    /// runs after the accounts exist and before the first socket opens, so memory can be measured around the sockets alone.
    /// </summary>
    Task<List<WsLoadPeer>> ConnectAsync(int count, Func<Task>? beforeSockets = null);

    /// <summary>Makes a conversation among <paramref name="members"/> (the first one creates it) and returns its address.</summary>
    Task<string> ConverseAsync(IReadOnlyList<WsLoadPeer> members);

    /// <summary>The frame that sends one message.</summary>
    object SendFrame(string conversation, IReadOnlyList<WsLoadPeer> members, WsLoadPeer sender, string messageId);
}

/// <summary>One connection: sends frames, and reads every frame into the shared delivery ledger.</summary>
public sealed class WsLoadPeer(string userId, ClientWebSocket socket) : IAsyncDisposable
{
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Channel<JsonObject> _replies = System.Threading.Channels.Channel.CreateUnbounded<JsonObject>();
    private Task? _reader;

    public string UserId { get; } = userId;

    public ClientWebSocket Socket { get; } = socket;

    /// <summary>Called for every delivery: (recipient, sender, message id).</summary>
    public Action<string, string, string>? OnDelivery { get; set; }

    /// <summary>Called when the server acknowledges one of this peer's sends.</summary>
    public Action<string, bool>? OnAck { get; set; }

    public async Task SendAsync(object frame)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame);
        await _sendGate.WaitAsync();
        try
        {
            await Socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>The next frame that is not a delivery (a reply), for set-up steps.</summary>
    public Task<JsonObject> NextReplyAsync() => _replies.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public void StartReading() => _reader ??= Task.Run(ReadLoopAsync);

    private async Task ReadLoopAsync()
    {
        try
        {
            while (Socket.State == WebSocketState.Open)
            {
                // An idle peer holds no buffer (a zero-byte read waits for data), so 10,000 peers fit in one generator.
                var first = await Socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (first.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (first.EndOfMessage)
                {
                    continue;
                }

                var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
                try
                {
                    var count = 0;
                    while (true)
                    {
                        if (count == buffer.Length)
                        {
                            var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                            buffer.CopyTo(larger, 0);
                            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }

                        var result = await Socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                        if (result.MessageType == WebSocketMessageType.Close)
                        {
                            return;
                        }

                        count += result.Count;
                        if (result.EndOfMessage)
                        {
                            break;
                        }
                    }

                    Dispatch(JsonNode.Parse(buffer.AsSpan(0, count))!.AsObject());
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    private void Dispatch(JsonObject frame)
    {
        switch ((string?)frame["type"])
        {
            case "message" when IsChatMessage(frame):
                OnDelivery?.Invoke(UserId, (string)frame["message"]!["senderId"]!, (string)frame["message"]!["clientMessageId"]!);
                break;
            case "relay":
                OnDelivery?.Invoke(UserId, (string)frame["from"]!, (string)frame["id"]!);
                break;
            case "sent":
                OnAck?.Invoke((string)frame["clientMessageId"]!, true);
                break;
            case "error" when IsLoadReply(frame):
                OnAck?.Invoke((string)frame["replyTo"]!, false);
                break;
            case "message" or "conversation_started" or "read_marker" or "pong" or "conversation_updated":
                break;
            default:
                _replies.Writer.TryWrite(frame);
                break;
        }
    }

    private static bool IsChatMessage(JsonObject frame) => frame["message"] is JsonObject m && m["event"] is null;

    private static bool IsLoadReply(JsonObject frame) => ((string?)frame["replyTo"])?.StartsWith("load-", StringComparison.Ordinal) == true;

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        Socket.Dispose();
    }
}

/// <summary>OrleansDirect through one or more gateways (connections are spread round robin): real accounts, follows, conversations and groups.</summary>
public sealed class OrleansDirectLoadTarget(params IReadOnlyList<Uri> gateways) : IWsLoadTarget
{
    public string Name => "orleansdirect";

    public async Task<List<WsLoadPeer>> ConnectAsync(int count, Func<Task>? beforeSockets = null)
    {
        var http = gateways.Select(g => new HttpClient { BaseAddress = g }).ToArray();
        try
        {
            // Accounts and sessions first (password hashing makes this the slow part), then the sockets.
            var sessions = new (string UserId, string Token)[count];
            await ForEachAsync(count, 8, async i =>
            {
                var client = http[i % http.Length];
                var handle = "w" + Guid.NewGuid().ToString("N")[..19];
                (await client.PostAsJsonAsync("/v1/accounts", new { handle, password = "load test password" })).EnsureSuccessStatusCode();
                var session = (await (await client.PostAsJsonAsync("/v1/sessions", new { handle, password = "load test password" })).EnsureSuccessStatusCode()
                    .Content.ReadFromJsonAsync<JsonObject>())!;
                sessions[i] = ((string)session["user"]!["userId"]!, (string)session["token"]!);
            });
            if (beforeSockets is not null)
            {
                await beforeSockets();
            }

            var peers = new WsLoadPeer[count];
            await ForEachAsync(count, 32, async i =>
            {
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(new Uri($"ws://{gateways[i % gateways.Count].Authority}/v1/ws"), CancellationToken.None);
                var peer = new WsLoadPeer(sessions[i].UserId, socket);
                peer.StartReading();
                await peer.SendAsync(new { type = "auth", token = sessions[i].Token });
                await peer.NextReplyAsync(); // ready
                await peer.SendAsync(new { type = "sync", id = "s" }); // live delivery starts after the first sync
                await peer.NextReplyAsync(); // sync_done
                peers[i] = peer;
            });
            return [.. peers];
        }
        finally
        {
            foreach (var client in http)
            {
                client.Dispose();
            }
        }
    }

    private static async Task ForEachAsync(int count, int parallel, Func<int, Task> body)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await body(i);
            }
        }));
    }

    public async Task<string> ConverseAsync(IReadOnlyList<WsLoadPeer> members)
    {
        var creator = members[0];
        if (members.Count == 2)
        {
            // Each follows the other, so the conversation is a normal one, not a one-message request.
            await members[1].SendAsync(new { type = "follow", id = "f", userId = creator.UserId });
            await members[1].NextReplyAsync();
            await creator.SendAsync(new { type = "follow", id = "f", userId = members[1].UserId });
            await creator.NextReplyAsync();
            await creator.SendAsync(new { type = "open_direct", id = "o", userId = members[1].UserId });
            return (string)(await creator.NextReplyAsync())["conversation"]!["conversationId"]!;
        }

        await creator.SendAsync(new { type = "create_group", id = "g", name = "load", userIds = members.Skip(1).Select(m => m.UserId).ToArray() });
        return (string)(await creator.NextReplyAsync())["conversation"]!["conversationId"]!;
    }

    public object SendFrame(string conversation, IReadOnlyList<WsLoadPeer> members, WsLoadPeer sender, string messageId) =>
        new { type = "send", id = messageId, conversationId = conversation, clientMessageId = messageId, text = "load message" };
}

/// <summary>The baseline: the bare relay (in-memory routing, nothing else), driven identically.</summary>
public sealed class RelayLoadTarget(Uri relay) : IWsLoadTarget
{
    public string Name => "relay";

    public async Task<List<WsLoadPeer>> ConnectAsync(int count, Func<Task>? beforeSockets = null)
    {
        if (beforeSockets is not null)
        {
            await beforeSockets();
        }

        List<WsLoadPeer> peers = [];
        for (var i = 0; i < count; i++)
        {
            var user = $"r{i}";
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(relay, $"/relay/{user}"), CancellationToken.None);
            var peer = new WsLoadPeer(user, socket);
            peer.StartReading();
            peers.Add(peer);
        }

        return peers;
    }

    public Task<string> ConverseAsync(IReadOnlyList<WsLoadPeer> members) => Task.FromResult(string.Join(',', members.Select(m => m.UserId)));

    public object SendFrame(string conversation, IReadOnlyList<WsLoadPeer> members, WsLoadPeer sender, string messageId) =>
        new { type = "relay", to = members.Where(m => m != sender).Select(m => m.UserId).ToArray(), from = sender.UserId, id = messageId, ack = true };
}

/// <summary>The WebSocket load generator.</summary>
public static class WsLoad
{
    /// <summary>
    /// One run: connect, make the conversations, send, wait for the deliveries. <paramref name="measure"/>, if given,
    /// runs just before the first message is sent and again once the deliveries are in (e.g. to read CPU time), so
    /// set-up work is outside what it measures.
    /// </summary>
    public static async Task<WsLoadReport> RunAsync(IWsLoadTarget target, WsLoadSettings settings, Action? measure = null)
    {
        var peers = await target.ConnectAsync(settings.Connections);
        try
        {
            return await DriveAsync(target, peers, settings, measure);
        }
        finally
        {
            foreach (var peer in peers)
            {
                await peer.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Idle mode: opens <paramref name="connections"/> connections and leaves them idle; <paramref name="measure"/> runs
    /// just before the first socket opens and again once all are open (the caller reads the servers' memory there).
    /// </summary>
    public static async Task<int> HoldIdleAsync(IWsLoadTarget target, int connections, Func<Task> measure)
    {
        var peers = await target.ConnectAsync(connections, measure);
        try
        {
            await measure();
            return peers.Count;
        }
        finally
        {
            foreach (var peer in peers)
            {
                await peer.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Fixed-rate mode: one clock for all senders releases send tokens evenly at the total rate, so sends are spread
    /// over time instead of arriving in bursts (each sender still keeps at most one message in flight).
    /// </summary>
    private static async Task PaceAsync(ChannelWriter<bool> tokens, double ratePerSecond, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
        var clock = Stopwatch.StartNew();
        long issued = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                for (var due = (long)(clock.Elapsed.TotalSeconds * ratePerSecond); issued < due; issued++)
                {
                    tokens.TryWrite(true);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<WsLoadReport> DriveAsync(IWsLoadTarget target, List<WsLoadPeer> peers, WsLoadSettings settings, Action? measure)
    {
        var groupPeers = Math.Min(settings.Groups * settings.GroupSize, peers.Count);
        var pairs = (peers.Count - groupPeers) / 2;
        List<(string Address, WsLoadPeer[] Members, WsLoadPeer[] Senders)> conversations = [];
        for (var g = 0; g < settings.Groups && (g + 1) * settings.GroupSize <= peers.Count; g++)
        {
            var members = peers.Skip(g * settings.GroupSize).Take(settings.GroupSize).ToArray();
            conversations.Add((await target.ConverseAsync(members), members, [members[0], members[members.Length / 2], members[^1]]));
        }

        for (var p = 0; p < pairs; p++)
        {
            var members = new[] { peers[groupPeers + 2 * p], peers[groupPeers + 2 * p + 1] };
            conversations.Add((await target.ConverseAsync(members), members, members));
        }

        var deliveries = new ConcurrentDictionary<(string, string, string), int>();
        var sentAt = new ConcurrentDictionary<string, long>();
        var acks = new ConcurrentDictionary<string, TaskCompletionSource<bool>>();
        var latencies = new ConcurrentBag<double>();
        var ackLatencies = new ConcurrentBag<double>();
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long unique = 0, target2 = long.MaxValue, accepted = 0, expected = 0;
        foreach (var peer in peers)
        {
            peer.OnDelivery = (recipient, sender, id) =>
            {
                // A sender's own connection also gets its message (multi-device echo); only other members count.
                if (recipient != sender && deliveries.AddOrUpdate((recipient, sender, id), 1, (_, c) => c + 1) == 1)
                {
                    if (sentAt.TryGetValue(id, out var start))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }

                    if (Interlocked.Increment(ref unique) >= Volatile.Read(ref target2))
                    {
                        allArrived.TrySetResult();
                    }
                }
            };
            peer.OnAck = (id, ok) => { if (acks.TryRemove(id, out var tcs)) { tcs.TrySetResult(ok); } };
        }

        var work = conversations.SelectMany(c => c.Senders.Select(s => (c.Address, c.Members, Sender: s))).ToList();
        measure?.Invoke();
        var clock = Stopwatch.StartNew();
        var tokens = System.Threading.Channels.Channel.CreateUnbounded<bool>();
        using var stopPacing = new CancellationTokenSource();
        var pacing = settings.RatePerSecond > 0 ? PaceAsync(tokens.Writer, settings.RatePerSecond, stopPacing.Token) : Task.CompletedTask;
        await Task.WhenAll(work.Select(async (w, index) =>
        {
            for (var i = 0; i < settings.MessagesPerSender && clock.Elapsed < settings.MaxDuration; i++)
            {
                if (settings.RatePerSecond > 0)
                {
                    await tokens.Reader.ReadAsync();
                }

                var id = $"load-{index}-{i}-{Guid.NewGuid():N}"[..40];
                var ack = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                acks[id] = ack;
                sentAt[id] = Stopwatch.GetTimestamp();
                await w.Sender.SendAsync(target.SendFrame(w.Address, w.Members, w.Sender, id));
                var acknowledged = await ack.Task.WaitAsync(TimeSpan.FromSeconds(30));
                ackLatencies.Add(Stopwatch.GetElapsedTime(sentAt[id]).TotalMilliseconds);
                if (acknowledged)
                {
                    Interlocked.Increment(ref accepted);
                    Interlocked.Add(ref expected, w.Members.Length - 1);
                }
            }
        }));
        var sendSeconds = clock.Elapsed.TotalSeconds;
        await stopPacing.CancelAsync();
        await pacing;
        Volatile.Write(ref target2, expected);
        if (Interlocked.Read(ref unique) >= expected)
        {
            allArrived.TrySetResult();
        }

        try
        {
            await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
        }

        var totalSeconds = clock.Elapsed.TotalSeconds;
        measure?.Invoke();
        var sorted = latencies.Order().ToArray();
        var ackSorted = ackLatencies.Order().ToArray();
        static double At(double[] values, double p) => values.Length == 0 ? 0 : values[Math.Min(values.Length - 1, (int)Math.Ceiling(p * values.Length) - 1)];
        double Percentile(double p) => At(sorted, p);
        return new WsLoadReport(target.Name, settings.RatePerSecond > 0 ? $"fixed {settings.RatePerSecond}/s" : "flat-out", peers.Count, pairs,
            conversations.Count - pairs, settings.GroupSize, accepted, Math.Round(totalSeconds, 2), Math.Round(accepted / sendSeconds, 1),
            unique, Math.Round(unique / totalSeconds, 1), Math.Round(Percentile(0.50), 2), Math.Round(Percentile(0.95), 2),
            Math.Round(Percentile(0.99), 2), Math.Round(sorted.LastOrDefault(), 2), Math.Max(0, expected - unique),
            deliveries.Values.Sum(c => (long)c - 1), Process.GetCurrentProcess().PeakWorkingSet64, Math.Round(At(ackSorted, 0.50), 2), Math.Round(At(ackSorted, 0.99), 2));
    }
}
