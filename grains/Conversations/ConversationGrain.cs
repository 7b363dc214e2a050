using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansDirect.Hosting;
using OrleansDirect.Users;

namespace OrleansDirect.Conversations;

/// <summary>
/// Owns one conversation: membership, the sequence counter, idempotency and the rules for who may read or post.
/// History is written to <see cref="MessageSegmentGrain"/>s so this grain's state stays small.
/// </summary>
public sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Conversations)] IPersistentState<ConversationState> state,
    IOptions<ConversationOptions> options,
    TimeProvider clock,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private readonly Dictionary<(string SenderId, string ClientMessageId), RecentSend> _recent = [];

    private string ConversationId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var send in state.State.RecentSends)
        {
            _recent[(send.SenderId, send.ClientMessageId)] = send;
        }

        return Task.CompletedTask;
    }

    public async Task<ConversationResult> StartDirectAsync(string callerId, string otherUserId)
    {
        if (string.IsNullOrEmpty(otherUserId))
        {
            return new ConversationResult(ConversationStatus.UserNotFound, null);
        }

        if (callerId == otherUserId)
        {
            return new ConversationResult(ConversationStatus.CannotMessageSelf, null);
        }

        if (ConversationIds.Direct(callerId, otherUserId) != ConversationId)
        {
            return new ConversationResult(ConversationStatus.NotFound, null);
        }

        if (state.State.Started)
        {
            return new ConversationResult(ConversationStatus.Ok, View());
        }

        if (await GrainFactory.GetGrain<IUserAccountGrain>(otherUserId).GetProfileAsync() is null)
        {
            return new ConversationResult(ConversationStatus.UserNotFound, null);
        }

        var now = clock.GetUtcNow();
        state.State = new ConversationState
        {
            Started = true,
            Kind = ConversationKind.Direct,
            CreatedAt = now,
            LastActivityAt = now,
            Members = [new MemberState { UserId = callerId, JoinedAt = now }, new MemberState { UserId = otherUserId, JoinedAt = now }],
        };
        await PersistAsync();
        LogStarted(logger, ConversationId);
        await AnnounceStartedAsync();
        return new ConversationResult(ConversationStatus.Ok, View());
    }

    public async Task<PostMessageResult> PostAsync(string senderId, MessageDraft draft)
    {
        var sender = ConversationPolicy.FindMember(state.State, senderId);
        if (sender is null)
        {
            return PostMessageResult.Refused(ConversationStatus.NotFound);
        }

        var check = ConversationPolicy.CheckDraft(draft);
        if (check != ConversationStatus.Ok)
        {
            return PostMessageResult.Refused(check);
        }

        if (_recent.TryGetValue((senderId, draft.ClientMessageId), out var earlier))
        {
            // The original may have been stored and then lost its fan-out (a crash in between). Fan-out is
            // idempotent (inbox updates only move forward, gateways drop repeated sequence numbers), so redo it.
            var stored = await GrainFactory.GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(ConversationId, earlier.Seq))
                .ReadAsync(earlier.Seq, earlier.Seq);
            if (stored is [var original])
            {
                await FanOutAsync(original);
            }

            return new PostMessageResult(ConversationStatus.Ok, earlier.Seq, earlier.SentAt, Duplicate: true);
        }

        var message = new ChatMessage(state.State.LastSeq + 1, senderId, draft.ClientMessageId, draft.Text, clock.GetUtcNow());

        // History first, then the counter: a crash in between leaves an unacknowledged message that the next post
        // overwrites, never a counter that points past the stored history.
        await GrainFactory.GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(ConversationId, message.Seq)).AppendAsync(message);

        state.State.LastSeq = message.Seq;
        state.State.LastActivityAt = message.SentAt;
        sender.ReadSeq = message.Seq;
        sender.DeliveredSeq = message.Seq;
        Remember(new RecentSend(senderId, draft.ClientMessageId, message.Seq, message.SentAt));
        await PersistAsync();

        LogPosted(logger, message.Seq, ConversationId);
        await FanOutAsync(message);
        return new PostMessageResult(ConversationStatus.Ok, message.Seq, message.SentAt, Duplicate: false);
    }

    public async Task<HistoryPage> GetHistoryAsync(string callerId, HistoryQuery query)
    {
        if (ConversationPolicy.FindMember(state.State, callerId) is not { } member)
        {
            return HistoryPage.Refused(ConversationStatus.NotFound);
        }

        if (ConversationPolicy.Range(query, member, state.State.LastSeq) is not { } range)
        {
            return HistoryPage.Refused(ConversationStatus.InvalidQuery);
        }

        List<ChatMessage> messages = [];
        for (var seq = range.From; seq <= range.To; seq = ((seq - 1) / IMessageSegmentGrain.Size + 1) * IMessageSegmentGrain.Size + 1)
        {
            var segment = GrainFactory.GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(ConversationId, seq));
            messages.AddRange(await segment.ReadAsync(range.From, range.To));
        }

        return new HistoryPage(ConversationStatus.Ok, messages, range.HasMore, range.FirstVisible, state.State.LastSeq);
    }

    public Task<ConversationResult> GetViewAsync(string callerId) =>
        Task.FromResult(ConversationPolicy.FindMember(state.State, callerId) is null
            ? new ConversationResult(ConversationStatus.NotFound, null)
            : new ConversationResult(ConversationStatus.Ok, View()));

    public async Task<ConversationStatus> AcknowledgeAsync(string callerId, long seq)
    {
        if (ConversationPolicy.FindMember(state.State, callerId) is not { } member)
        {
            return ConversationStatus.NotFound;
        }

        if (seq < 0 || seq > state.State.LastSeq)
        {
            return ConversationStatus.SeqOutOfRange;
        }

        if (seq > member.DeliveredSeq)
        {
            member.DeliveredSeq = seq;
            await PersistAsync();
        }

        return ConversationStatus.Ok;
    }

    public async Task<ConversationStatus> MarkReadAsync(string callerId, long seq)
    {
        if (ConversationPolicy.FindMember(state.State, callerId) is not { } member)
        {
            return ConversationStatus.NotFound;
        }

        if (seq < 0 || seq > state.State.LastSeq)
        {
            return ConversationStatus.SeqOutOfRange;
        }

        if (seq > member.ReadSeq)
        {
            member.ReadSeq = seq;
            member.DeliveredSeq = Math.Max(member.DeliveredSeq, seq);
            await PersistAsync();
            await UpdateInboxAsync(member.UserId, preview: null, readSeq: seq);
        }

        return ConversationStatus.Ok;
    }

    /// <summary>
    /// Writes the state. Changes are made in memory first, so if the write fails this activation is discarded: the
    /// next call reads the last stored state, and nothing that was never stored can be seen as a duplicate.
    /// </summary>
    private Task PersistAsync() => state.WriteOrDiscardAsync(DeactivateOnIdle);

    private void Remember(RecentSend send)
    {
        var sends = state.State.RecentSends;
        sends.Add(send);
        _recent[(send.SenderId, send.ClientMessageId)] = send;
        var excess = sends.Count - options.Value.IdempotencyWindow;
        if (excess > 0)
        {
            foreach (var old in sends.Take(excess))
            {
                _recent.Remove((old.SenderId, old.ClientMessageId));
            }

            sends.RemoveRange(0, excess);
        }
    }

    private ConversationView View() =>
        new(ConversationId, state.State.Kind, state.State.Members.Select(m => m.UserId).ToList(), state.State.LastSeq, state.State.CreatedAt);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Posted {Seq} to {ConversationId}")]
    private static partial void LogPosted(ILogger logger, long seq, string conversationId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Conversation {ConversationId} started")]
    private static partial void LogStarted(ILogger logger, string conversationId);
}
