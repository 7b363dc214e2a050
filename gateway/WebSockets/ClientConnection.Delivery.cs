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
//
// Auth attaches the socket to the user's stream before it queues 'ready' (it checks the session once more in
// between), so live events can be queued first. The pump holds them until 'ready' is written: no pushed frame
// precedes 'ready'. A resync request in that gap is dropped, since the client's first sync comes after 'ready'. The
// revocation of this very session is not held: it closes the socket with 4003 at once. If the second check fails
// with an exception, auth queues DiscardHeldEvents and the connection is unauthenticated again.
public sealed partial class ClientConnection
{
    private const int ReplayPageSize = 100;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, long> _delivered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenBeforeSync = new(StringComparer.Ordinal);
    private readonly List<UserEvent> _heldBeforeReady = [];
    private bool _readySent;
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

                try
                {
                    switch (item)
                    {
                        case SendFrame { Frame: ReadyFrame } ready:
                            await SendFrameAsync(ready.Frame, cancellation);
                            await ReleaseHeldEventsAsync(cancellation);
                            break;
                        case SendFrame { Frame: ResyncFrame } when !_readySent:
                            break;
                        case SendFrame send:
                            await SendFrameAsync(send.Frame, cancellation);
                            break;
                        case LiveEvent { Event: SessionRevoked revoked } when !_readySent && revoked.SessionId == _sessionId:
                            await CloseAsync((WebSocketCloseStatus)CloseCodes.SessionRevoked, "session revoked", cancellation);
                            break;
                        case LiveEvent live when !_readySent:
                            HoldUntilReady(live.Event);
                            break;
                        case DiscardHeldEvents:
                            _heldBeforeReady.Clear();
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
                catch (Exception ex) when (ex is not (WebSocketException or OperationCanceledException) && _socket.State == WebSocketState.Open)
                {
                    // A grain call failed (cluster unavailable, timeout). The connection lives on; the client is told
                    // to sync again, which re-reads whatever this step could not deliver.
                    LogDeliveryFailed(_logger, ex, _userId ?? "-");
                    var replyTo = (item as SyncWork)?.ReplyTo;
                    await SendFrameAsync(item is SyncWork
                        ? new ErrorFrame(ErrorCodes.Unavailable, "Catch-up could not be completed; send sync again.") { ReplyTo = replyTo }
                        : new ResyncFrame(), cancellation);
                }

                if (_overflowed)
                {
                    break;
                }
            }

            if (_overflowed)
            {
                await CloseAsync((WebSocketCloseStatus)CloseCodes.SendQueueOverflow, "send queue overflow", cancellation);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException || _socket.State != WebSocketState.Open)
        {
            // The socket is gone; the receive loop ends on its own.
        }
    }

    private void HoldUntilReady(UserEvent evt)
    {
        // Held events count against the send queue like queued ones: a flood in the gap closes the socket with 4004.
        if (_heldBeforeReady.Count >= _options.SendQueueCapacity)
        {
            MarkOverflowed();
            return;
        }

        _heldBeforeReady.Add(evt);
    }

    private async Task ReleaseHeldEventsAsync(CancellationToken cancellation)
    {
        _readySent = true;
        var held = _heldBeforeReady.ToArray();
        _heldBeforeReady.Clear();
        foreach (var evt in held)
        {
            await OnLiveEventAsync(evt, cancellation);
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus code, string reason, CancellationToken cancellation)
    {
        _ending = true;
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(code, reason, cancellation);
        }

        // A client that never answers our close frame does not get to hold the socket open.
        _lifetime?.CancelAfter(CloseHandshakeTimeout);
    }

    private async Task OnLiveEventAsync(UserEvent evt, CancellationToken cancellation)
    {
        switch (evt)
        {
            case MessagePosted posted when !_synced:
                _seenBeforeSync.Add(posted.ConversationId);
                break;
            case MessagePosted posted:
                await DeliverInOrderAsync(posted, cancellation);
                break;
            case ReadMarkerChanged read:
                await SendFrameAsync(new ReadMarkerFrame(read.ConversationId, read.UserId, read.Seq), cancellation);
                break;
            case TypingChanged typing:
                await SendFrameAsync(new TypingFrame(typing.ConversationId, typing.UserId, typing.Active), cancellation);
                break;
            case ConversationUpdated updated:
                await SendFrameAsync(new ConversationUpdatedFrame(WireConversation.From(updated.Conversation)), cancellation);
                break;
            case MessageUpdated updated:
                await SendFrameAsync(new MessageUpdatedFrame(updated.ConversationId, WireMessage.From(updated.Message)), cancellation);
                break;
            case ExportFinished export:
                await SendFrameAsync(new ExportFinishedFrame(export.ExportId, WireNames.Of(export.Status)), cancellation);
                break;
            case MessagesExpired expired:
                await SendFrameAsync(new MessagesExpiredFrame(expired.ConversationId, expired.Seqs), cancellation);
                break;
            case MessageRemoved removedMessage:
                await SendFrameAsync(new MessageRemovedFrame(removedMessage.ConversationId, removedMessage.Seq), cancellation);
                break;
            case ConversationRemoved removed:
                await SendFrameAsync(new ConversationRemovedFrame(removed.ConversationId), cancellation);
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

    private async Task DeliverInOrderAsync(MessagePosted posted, CancellationToken cancellation)
    {
        var (conversationId, message) = (posted.ConversationId, posted.Message);
        // After a sync every conversation the user had is tracked, so an untracked one is new: start from zero.
        var last = _delivered.GetValueOrDefault(conversationId);
        if (message.Seq <= last)
        {
            return;
        }

        if (message.Seq - last - 1 > _options.MaxSyncMessages)
        {
            // Too far behind to fill inline (an unfinished sync): the client catches up with sync instead.
            await SendFrameAsync(new ResyncFrame(), cancellation);
            return;
        }

        if (message.Seq > last + 1)
        {
            await ReplayAsync(conversationId, last, message.Seq - 1, _options.MaxSyncMessages, cancellation);
        }

        await SendFrameAsync(new MessageFrame(conversationId, WireMessage.From(message), WireNames.Of(posted.Folder), posted.Muted), cancellation);
        _delivered[conversationId] = message.Seq;
    }

    private async Task SyncAsync(SyncWork work, CancellationToken cancellation)
    {
        var userId = _userId!;
        Dictionary<string, long> targets = new(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await _cluster.GetGrain<IInboxGrain>(userId).GetPageAsync(userId, new InboxQuery(cursor, ReplayPageSize, InboxOrder.ConversationId));
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
            // A cursor beyond the conversation's end is clamped, so live messages are not mistaken for duplicates.
            var from = Math.Min(work.Cursors.GetValueOrDefault(conversationId), lastSeq);
            _delivered[conversationId] = from;
            if (lastSeq <= from && !_seenBeforeSync.Contains(conversationId))
            {
                continue;
            }

            if (budget == 0)
            {
                complete = false;
                continue;
            }

            // Replay to the conversation's real end, not the inbox's idea of it: the inbox may lag a message.
            var (sent, reachedEnd) = await ReplayAsync(conversationId, from, long.MaxValue, budget, cancellation);
            budget -= sent;
            complete &= reachedEnd;
        }

        _synced = true;
        _seenBeforeSync.Clear();
        var cursors = targets.Keys.ToDictionary(id => id, id => _delivered[id], StringComparer.Ordinal);
        await SendFrameAsync(new SyncDoneFrame(complete, cursors) { ReplyTo = work.ReplyTo }, cancellation);
    }

    /// <summary>
    /// Sends the messages after <paramref name="after"/> up to <paramref name="upTo"/> (or the conversation's end), at
    /// most <paramref name="budget"/> of them, with a <c>gap</c> frame for any readable sequence number that no longer
    /// exists. Returns how many were sent and whether the range was finished.
    /// </summary>
    private async Task<(int Sent, bool ReachedEnd)> ReplayAsync(string conversationId, long after, long upTo, int budget, CancellationToken cancellation)
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
                return (sent, true);
            }

            // Messages from before the user joined are not theirs to read, and not a gap either.
            expected = Math.Max(expected, page.FirstVisibleSeq);
            var windowEnd = Math.Min(Math.Min(expected + limit - 1, upTo), page.LastSeq);
            foreach (var message in page.Messages.Where(m => m.Seq <= upTo))
            {
                await SendGapAsync(conversationId, expected, message.Seq - 1, cancellation);
                await SendFrameAsync(new MessageFrame(conversationId, WireMessage.From(message)), cancellation);
                _delivered[conversationId] = message.Seq;
                expected = message.Seq + 1;
                sent++;
            }

            // Whatever this window should have held and did not is a gap; later windows may still hold messages.
            if (page.Messages.Count == 0 || !page.HasMore)
            {
                await SendGapAsync(conversationId, expected, windowEnd, cancellation);
                expected = Math.Max(expected, windowEnd + 1);
            }

            if (!page.HasMore && expected > page.LastSeq)
            {
                return (sent, true);
            }
        }

        return (sent, expected > upTo);
    }

    private async Task SendGapAsync(string conversationId, long from, long to, CancellationToken cancellation)
    {
        if (from <= to)
        {
            await SendFrameAsync(new GapFrame(conversationId, from, to), cancellation);
            _delivered[conversationId] = to;
        }
    }

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Delivery to a connection of {UserId} failed; asked it to resync")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string userId);
}
