using System.Net.WebSockets;
using OrleansDirect.Conversations;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Inbox;
using OrleansDirect.Streams;

namespace OrleansDirect.Gateway.WebSockets;

// Delivery. Only the pump touches the socket's send side and the fields below.
//
// Per conversation the pump remembers the last sequence number it delivered. A live event that skips ahead (a stream
// event was lost) is preceded by the missing messages read from the conversation; one at or below the cursor (a
// duplicate, or already sent by catch-up) is dropped. Before the first 'sync' no messages are pushed: the sync replays
// them from the client's cursors, so nothing is lost and nothing arrives twice.
public sealed partial class ClientConnection
{
    private const int ReplayPageSize = 100;

    private readonly Dictionary<string, long> _delivered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenBeforeSync = new(StringComparer.Ordinal);
    private bool _synced;

    private async Task PumpAsync(CancellationToken cancellation)
    {
        try
        {
            await foreach (var item in _outbox.Reader.ReadAllAsync(cancellation))
            {
                if (_overflowed)
                {
                    break;
                }

                switch (item)
                {
                    case SendFrame send:
                        await SendFrameAsync(send.Frame, cancellation);
                        break;
                    case LiveEvent live:
                        await OnLiveEventAsync(live.Event, cancellation);
                        break;
                    case SyncWork sync:
                        await SyncAsync(sync, cancellation);
                        break;
                    case CloseWork close:
                        await CloseAsync(close.Code, close.Reason, cancellation);
                        return;
                }
            }

            if (_overflowed)
            {
                await CloseAsync((WebSocketCloseStatus)CloseCodes.SendQueueOverflow, "send queue overflow", cancellation);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            // The socket is gone; the receive loop ends on its own.
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus code, string reason, CancellationToken cancellation)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(code, reason, cancellation);
        }
    }

    private async Task OnLiveEventAsync(UserEvent evt, CancellationToken cancellation)
    {
        switch (evt)
        {
            case MessagePosted posted when !_synced:
                _seenBeforeSync.Add(posted.ConversationId);
                break;
            case MessagePosted posted:
                await DeliverInOrderAsync(posted.ConversationId, posted.Message, cancellation);
                break;
            case ConversationStarted started:
                if (_synced)
                {
                    _delivered.TryAdd(started.Conversation.ConversationId, 0);
                }

                await SendFrameAsync(new ConversationStartedFrame(WireConversation.From(started.Conversation)), cancellation);
                break;
            case SessionRevoked revoked when revoked.SessionId == _sessionId:
                await CloseAsync((WebSocketCloseStatus)CloseCodes.SessionRevoked, "session revoked", cancellation);
                break;
        }
    }

    private async Task DeliverInOrderAsync(string conversationId, ChatMessage message, CancellationToken cancellation)
    {
        // After a sync every conversation the user had is tracked, so an untracked one is new: start from zero.
        var last = _delivered.GetValueOrDefault(conversationId);
        if (message.Seq <= last)
        {
            return;
        }

        if (message.Seq > last + 1)
        {
            await ReplayAsync(conversationId, last, message.Seq - 1, int.MaxValue, cancellation);
        }

        await SendFrameAsync(new MessageFrame(conversationId, WireMessage.From(message)), cancellation);
        _delivered[conversationId] = message.Seq;
    }

    private async Task SyncAsync(SyncWork work, CancellationToken cancellation)
    {
        var userId = _userId!;
        Dictionary<string, long> targets = new(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await _cluster.GetGrain<IInboxGrain>(userId).GetPageAsync(userId, new InboxQuery(cursor, ReplayPageSize));
            foreach (var entry in page.Entries)
            {
                targets[entry.ConversationId] = entry.LastSeq;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        // A message can reach this gateway a moment before its conversation reaches the inbox.
        foreach (var conversationId in _seenBeforeSync.Where(id => !targets.ContainsKey(id)))
        {
            if (await _cluster.GetGrain<IConversationGrain>(conversationId).GetViewAsync(userId) is { Conversation: { } view })
            {
                targets[conversationId] = view.LastSeq;
            }
        }

        var budget = _options.MaxSyncMessages;
        var complete = true;
        foreach (var (conversationId, lastSeq) in targets)
        {
            var from = work.Cursors.GetValueOrDefault(conversationId);
            _delivered[conversationId] = from;
            if (lastSeq <= from)
            {
                continue;
            }

            if (budget == 0)
            {
                complete = false;
                continue;
            }

            var sent = await ReplayAsync(conversationId, from, lastSeq, budget, cancellation);
            budget -= sent;
            complete &= _delivered[conversationId] >= lastSeq;
        }

        _synced = true;
        _seenBeforeSync.Clear();
        var cursors = targets.Keys.ToDictionary(id => id, id => _delivered[id], StringComparer.Ordinal);
        await SendFrameAsync(new SyncDoneFrame(complete, cursors) { ReplyTo = work.ReplyTo }, cancellation);
    }

    /// <summary>
    /// Sends the messages after <paramref name="after"/> up to <paramref name="upTo"/>, at most <paramref name="budget"/>
    /// of them, with a <c>gap</c> frame for any readable sequence number that no longer exists. Returns how many were sent.
    /// </summary>
    private async Task<int> ReplayAsync(string conversationId, long after, long upTo, int budget, CancellationToken cancellation)
    {
        var grain = _cluster.GetGrain<IConversationGrain>(conversationId);
        var sent = 0;
        var expected = after + 1;
        while (expected <= upTo && sent < budget)
        {
            var limit = (int)Math.Min(Math.Min(ReplayPageSize, budget - sent), upTo - expected + 1);
            var page = await grain.GetHistoryAsync(_userId!, new HistoryQuery(null, expected - 1, limit));
            if (page.Status != ConversationStatus.Ok)
            {
                return sent;
            }

            // Messages from before the user joined are not theirs to read, and not a gap either.
            expected = Math.Max(expected, page.FirstVisibleSeq);
            foreach (var message in page.Messages.Where(m => m.Seq <= upTo))
            {
                if (message.Seq > expected)
                {
                    await SendFrameAsync(new GapFrame(conversationId, expected, message.Seq - 1), cancellation);
                }

                await SendFrameAsync(new MessageFrame(conversationId, WireMessage.From(message)), cancellation);
                _delivered[conversationId] = message.Seq;
                expected = message.Seq + 1;
                sent++;
            }

            if (page.Messages.Count == 0 || !page.HasMore)
            {
                // Nothing further can be read up to the end of the range: whatever is still expected is a gap.
                var end = Math.Min(upTo, page.LastSeq);
                if (expected <= end)
                {
                    await SendFrameAsync(new GapFrame(conversationId, expected, end), cancellation);
                    _delivered[conversationId] = end;
                }

                return sent;
            }
        }

        return sent;
    }
}
