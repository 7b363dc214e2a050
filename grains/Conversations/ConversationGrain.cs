using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansDirect.Hosting;
using OrleansDirect.Inbox;
using OrleansDirect.Social;
using OrleansDirect.Validation;

namespace OrleansDirect.Conversations;

/// <summary>
/// Owns one conversation: membership, the sequence counter, idempotency and the rules for who may read or post, and
/// how each member sees it (requests, blocks, restrictions, previews, receipts; see <see cref="ContactPolicy"/>).
/// History is written to <see cref="MessageSegmentGrain"/>s so this grain's state stays small.
/// </summary>
public sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Conversations)] IPersistentState<ConversationState> state,
    IOptions<ConversationOptions> options,
    IOptions<PrivacyOptions> privacy,
    TimeProvider clock,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain, IConversationRelations
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
        if (string.IsNullOrEmpty(otherUserId) || string.IsNullOrEmpty(callerId))
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
            // Opening the conversation yourself is consent: it accepts a request you had (or had declined).
            var caller = ConversationPolicy.FindMember(state.State, callerId)!;
            if (caller.Status != MemberStatus.Accepted || caller.Unlisted)
            {
                await AcceptAsync(caller);
            }

            return new ConversationResult(ConversationStatus.Ok, View(caller));
        }

        var (mine, theirs) = await StancesAsync(callerId, otherUserId, RateCost.NewConversation);
        if (!theirs.Exists)
        {
            return new ConversationResult(ConversationStatus.UserNotFound, null);
        }

        if (mine.RateLimitedFor is { } wait)
        {
            return new ConversationResult(ConversationStatus.RateLimited, null, wait);
        }

        var now = clock.GetUtcNow();
        var admission = mine.Blocks ? Admission.Refused : theirs.Blocks ? Admission.Refused : ContactPolicy.Admit(theirs, mine, now, privacy.Value.NewAccountAge);
        if (admission == Admission.Refused)
        {
            return new ConversationResult(mine.Blocks ? ConversationStatus.BlockedByYou : ConversationStatus.CannotMessage, null);
        }

        // The other user hears of a request only when its message arrives.
        var accepted = admission == Admission.Inbox;
        state.State = new ConversationState
        {
            Started = true,
            Kind = ConversationKind.Direct,
            CreatedAt = now,
            LastActivityAt = now,
            Members =
            [
                new MemberState { UserId = callerId, JoinedAt = now },
                new MemberState
                {
                    UserId = otherUserId, JoinedAt = now, Restricts = theirs.Restricts,
                    Status = accepted ? MemberStatus.Accepted : MemberStatus.Pending, Unlisted = !accepted,
                },
            ],
        };
        await PersistAsync();
        LogStarted(logger, ConversationId);
        await AnnounceStartedAsync();
        return new ConversationResult(ConversationStatus.Ok, View(state.State.Members[0]));
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
            // (A message unsent, deleted or expired since is not sent again: the read returns its tombstone.)
            if (await ReadOneAsync(earlier.Seq) is { Deleted: false } original)
            {
                await FanOutAsync(original, null);
            }

            return new PostMessageResult(ConversationStatus.Ok, earlier.Seq, earlier.SentAt, Duplicate: true);
        }

        if (state.State.Kind == ConversationKind.Group)
        {
            return await PostToGroupAsync(sender, draft);
        }

        var recipient = state.State.Members.First(m => m.UserId != senderId);
        var mayBeRequest = recipient.Status == MemberStatus.Pending && recipient.RequestSeq == 0;
        var (mine, theirs) = await StancesAsync(senderId, recipient.UserId, RateCost.Message | (mayBeRequest ? RateCost.Request : RateCost.None));
        if (mine.RateLimitedFor is { } wait)
        {
            return PostMessageResult.Refused(ConversationStatus.RateLimited, wait);
        }

        var now = clock.GetUtcNow();
        var decision = ContactPolicy.DecidePost(mine, theirs, recipient, now, privacy.Value.NewAccountAge);
        switch (decision)
        {
            case PostDecision.BlockedByYou:
                return PostMessageResult.Refused(ConversationStatus.BlockedByYou);
            case PostDecision.CannotMessage:
                return PostMessageResult.Refused(ConversationStatus.CannotMessage);
            case PostDecision.RequestPending:
                return PostMessageResult.Refused(ConversationStatus.RequestPending);
        }

        if (draft.ReplyToSeq is { } replyTo && !await CanQuoteAsync(sender, replyTo))
        {
            return PostMessageResult.Refused(ConversationStatus.MessageNotFound);
        }

        var asRequest = decision == PostDecision.DeliverAsRequest;
        if (asRequest && draft.MediaId is not null)
        {
            return PostMessageResult.Refused(ConversationStatus.RequestTextOnly);
        }

        var (mediaStatus, media) = await AttachMediaAsync(senderId, draft, state.State.LastSeq + 1);
        if (mediaStatus != ConversationStatus.Ok)
        {
            return PostMessageResult.Refused(mediaStatus);
        }

        var hidden = asRequest && await GrainFactory.GetGrain<IContactGate>(recipient.UserId).MatchesHiddenWordsAsync(draft.Text);
        var message = WithDisappearing(new ChatMessage(state.State.LastSeq + 1, senderId, draft.ClientMessageId, draft.Text, now, draft.LinkPreview, asRequest,
            ReplyToSeq: draft.ReplyToSeq, Media: media));

        // History first, then the counter: a crash in between leaves an unacknowledged message that the next post
        // overwrites, never a counter that points past the stored history.
        await StoreAsync(message);

        state.State.LastSeq = message.Seq;
        state.State.LastActivityAt = message.SentAt;
        sender.ReadSeq = message.Seq;
        sender.DeliveredSeq = message.Seq;
        var senderWasRequest = sender.Status != MemberStatus.Accepted;
        Accept(sender); // replying to a request accepts it
        recipient.Restricts = theirs.Restricts;
        if (decision == PostDecision.AcceptAndDeliver)
        {
            Accept(recipient);
        }
        else if (asRequest)
        {
            recipient.RequestSeq = message.Seq;
            recipient.HiddenRequest = hidden;
        }

        var newlyListed = state.State.Members.Where(m => m.Unlisted && m.Status != MemberStatus.Declined).ToList();
        newlyListed.ForEach(m => m.Unlisted = false);
        Remember(new RecentSend(senderId, draft.ClientMessageId, message.Seq, message.SentAt));
        await PersistAsync();

        LogPosted(logger, message.Seq, ConversationId);
        await ScheduleExpiryAsync();
        await AnnounceStartedAsync(newlyListed);
        if (senderWasRequest)
        {
            await PublishAsync(senderId, new Streams.ConversationUpdated(View(sender)));
        }

        await FanOutAsync(message, new Dictionary<string, Stance> { [recipient.UserId] = theirs });
        return new PostMessageResult(ConversationStatus.Ok, message.Seq, message.SentAt, Duplicate: false);
    }

    public async Task<HistoryPage> GetHistoryAsync(string callerId, HistoryQuery query)
    {
        if (ConversationPolicy.FindReader(state.State, callerId) is not { } member)
        {
            return HistoryPage.Refused(ConversationStatus.NotFound);
        }

        // A former member reads up to the point they left, as if the conversation ended there.
        var lastSeq = member.LeftAtSeq > 0 ? member.LeftAtSeq : state.State.LastSeq;
        if (ConversationPolicy.Range(query, member, lastSeq) is not { } range)
        {
            return HistoryPage.Refused(ConversationStatus.InvalidQuery);
        }

        var stored = await ReadAsync(range.From, range.To);
        var isGroup = state.State.Kind == ConversationKind.Group;
        var others = state.State.Members.Where(m => m.UserId != callerId && !m.Unlisted).ToList();
        var viewer = GrainFactory.GetGrain<IContactGate>(callerId);
        var settings = (await viewer.GetStanceAsync(isGroup ? "" : others.FirstOrDefault()?.UserId ?? "", RateCost.None)).Settings;

        var visible = await WithQuotesAsync(stored
            .Where(m => m.HiddenFor?.Contains(callerId) != true)
            .Select(m => ContactPolicy.ForViewer(m, member, settings.LinkPreviews)).ToList(), member);

        // In a group, messages from members the viewer blocked are withheld from them (a client sees a gap), and so are
        // those members' reactions and quotes of their messages inside the messages of others.
        HashSet<string> blocked = [];
        if (isGroup)
        {
            var people = visible.SelectMany(m => ContactPolicy.PeopleInside(m).Concat(m.Event is null ? [m.SenderId] : []))
                .Where(id => id != callerId).Distinct().ToList();
            blocked = people.Count == 0 ? [] : [.. await viewer.GetBlockedAmongAsync(people)];
        }

        var messages = visible
            .Where(m => m.Event is not null || !blocked.Contains(m.SenderId))
            .Select(m => ContactPolicy.WithoutBlocked(m, blocked)).ToList();

        // Receipts are shown with the newest page (where a client looks for them), to current members only.
        List<ReadMarker> markers = [];
        if (member.LeftAtSeq == 0 && range.To >= state.State.LastSeq)
        {
            var shared = await Task.WhenAll(others.Select(async other =>
            {
                var (theirs, mine) = await StancesAsync(other.UserId, callerId, RateCost.None);
                return ContactPolicy.ShareActivity(theirs, mine, other, member) ? new ReadMarker(other.UserId, other.ReadSeq) : null;
            }));
            markers.AddRange(shared.OfType<ReadMarker>());
        }

        return new HistoryPage(ConversationStatus.Ok, messages, range.HasMore, range.FirstVisible, lastSeq, markers);
    }

    public async Task<ConversationResult> GetViewAsync(string callerId)
    {
        if (ConversationPolicy.FindReader(state.State, callerId) is not { } member)
        {
            return new ConversationResult(ConversationStatus.NotFound, null);
        }

        return new ConversationResult(ConversationStatus.Ok, View(member, await BlockedMembersAsync(member)));
    }

    public async Task<ConversationStatus> AcknowledgeAsync(string callerId, long seq)
    {
        if (ConversationPolicy.FindListed(state.State, callerId) is not { } member)
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
        if (ConversationPolicy.FindReader(state.State, callerId) is not { } member)
        {
            return ConversationStatus.NotFound;
        }

        if (seq < 0 || seq > (member.LeftAtSeq > 0 ? member.LeftAtSeq : state.State.LastSeq))
        {
            return ConversationStatus.SeqOutOfRange;
        }

        if (member.LeftAtSeq > 0)
        {
            // A former member may still clear their unread count, up to where they left; nobody else is told.
            if (seq > member.ReadSeq)
            {
                member.ReadSeq = seq;
                await PersistAsync();
                await ApplyInboxAsync(callerId, new InboxUpdate(ConversationId, state.State.Kind, [], member.LeftAtSeq, state.State.LastActivityAt,
                    null, seq, ContactPolicy.FolderOf(member), member.Muted));
            }

            return ConversationStatus.Ok;
        }

        if (seq > member.ReadSeq)
        {
            member.ReadSeq = seq;
            member.DeliveredSeq = Math.Max(member.DeliveredSeq, seq);
            await PersistAsync();
            await UpdateInboxAsync(member, preview: null, readSeq: seq);
            await AnnounceReadAsync(member);
            await StartSeenTimersAsync();
        }

        return ConversationStatus.Ok;
    }

    /// <summary>
    /// Writes the state. Changes are made in memory first, so if the write fails this activation is discarded: the
    /// next call reads the last stored state, and nothing that was never stored can be seen as a duplicate.
    /// </summary>
    private Task PersistAsync() => state.WriteOrDiscardAsync(DeactivateOnIdle);

    private static void Accept(MemberState member)
    {
        member.Status = MemberStatus.Accepted;
        member.HiddenRequest = false;
        member.RequestSeq = 0;
    }

    /// <summary>Both users' stances toward each other, read in parallel; <paramref name="cost"/> is charged to the first.</summary>
    private async Task<(Stance Mine, Stance Theirs)> StancesAsync(string userId, string otherId, RateCost cost)
    {
        var mine = GrainFactory.GetGrain<IContactGate>(userId).GetStanceAsync(otherId, cost);
        var theirs = GrainFactory.GetGrain<IContactGate>(otherId).GetStanceAsync(userId, RateCost.None);
        return (await mine, await theirs);
    }

    /// <summary>Reads stored messages as they may be served now (see <see cref="Live"/>).</summary>
    private async Task<List<ChatMessage>> ReadAsync(long from, long to)
    {
        List<ChatMessage> messages = [];
        var now = clock.GetUtcNow();
        for (var seq = from; seq <= to; seq = ((seq - 1) / IMessageSegmentGrain.Size + 1) * IMessageSegmentGrain.Size + 1)
        {
            var segment = GrainFactory.GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(ConversationId, seq));
            messages.AddRange((await segment.ReadAsync(from, to)).Select(m => Live(m, now)));
        }

        return messages;
    }

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

    private ConversationView View(MemberState viewer, IReadOnlyList<string>? blockedMemberIds = null)
    {
        var s = state.State;
        var group = s.Kind == ConversationKind.Group;
        var left = viewer.LeftAtSeq > 0;
        if (left)
        {
            // A former member sees nothing of the group as it is now: who is in it, its name or its settings.
            return new ConversationView(ConversationId, s.Kind, [viewer.UserId], viewer.LeftAtSeq, s.CreatedAt, ContactPolicy.FolderOf(viewer), viewer.Muted, Left: true);
        }

        return new ConversationView(ConversationId, s.Kind, s.Members.Select(m => m.UserId).ToList(), s.LastSeq, s.CreatedAt,
            ContactPolicy.FolderOf(viewer), viewer.Muted,
            Name: s.Name,
            AdminIds: group ? s.Members.Where(m => m.Admin).Select(m => m.UserId).ToList() : null,
            ApprovalRequired: s.ApprovalRequired,
            PendingAddIds: group && viewer.Admin && !left ? s.PendingAdds.Select(p => p.UserId).ToList() : null,
            Left: left,
            BlockedMemberIds: blockedMemberIds is { Count: > 0 } ? blockedMemberIds : null,
            Disappearing: s.Disappearing,
            DisappearingTimer: s.Disappearing == DisappearingMode.Off ? null : s.DisappearingTimer);
    }

    /// <summary>The group members <paramref name="viewer"/> blocked (for the warning in their view); none for 1:1 conversations.</summary>
    private async Task<IReadOnlyList<string>> BlockedMembersAsync(MemberState viewer) =>
        state.State.Kind == ConversationKind.Group && viewer.LeftAtSeq == 0
            ? await GrainFactory.GetGrain<IContactGate>(viewer.UserId).GetBlockedAmongAsync(state.State.Members.Where(m => m.UserId != viewer.UserId).Select(m => m.UserId).ToList())
            : [];

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Posted {Seq} to {ConversationId}")]
    private static partial void LogPosted(ILogger logger, long seq, string conversationId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Conversation {ConversationId} started")]
    private static partial void LogStarted(ILogger logger, string conversationId);
}
