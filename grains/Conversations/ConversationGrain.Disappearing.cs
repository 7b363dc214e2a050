using Microsoft.Extensions.Logging;
using OrleansDirect.Inbox;
using OrleansDirect.Streams;

namespace OrleansDirect.Conversations;

// Disappearing messages. A message gets its due time when it is sent ("after send") or when every member has read it
// ("after seen"). While the conversation is active, a grain timer purges at the earliest due time; a durable reminder
// (period: Orleans' minimum, one minute) is the backstop that wakes it after deactivation or a silo restart. Due
// messages are replaced in storage by contentless tombstones. Until then, every read from storage already treats a due
// message as gone, so nobody (a late reader, a new device catching up) ever receives expired content.
public sealed partial class ConversationGrain : IRemindable
{
    private const string ExpiryReminder = "expire";

    private IGrainTimer? _expiryTimer;

    /// <summary>Reminder period: Orleans' minimum. The reminder is re-registered for each next due time anyway.</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    public async Task<ConversationStatus> SetDisappearingAsync(string callerId, DisappearingMode mode, TimeSpan? timer)
    {
        if (ConversationPolicy.FindListed(state.State, callerId) is not { } member)
        {
            return ConversationStatus.NotFound;
        }

        // Not in requests (either side), and not across a block.
        if (member.Status != MemberStatus.Accepted
            || (state.State.Kind == ConversationKind.Direct && state.State.Members.Exists(m => m.Status != MemberStatus.Accepted)))
        {
            return ConversationStatus.RequestPending;
        }

        if (await DirectBlockAsync(callerId) is { } blocked)
        {
            return blocked;
        }

        if (!Enum.IsDefined(mode) || (mode != DisappearingMode.Off && (timer is not { } t || !options.Value.AllowedDisappearingTimers.Contains(t))))
        {
            return ConversationStatus.InvalidTimer;
        }

        var newTimer = mode == DisappearingMode.Off ? TimeSpan.Zero : timer!.Value;
        if (state.State.Disappearing == mode && state.State.DisappearingTimer == newTimer)
        {
            return ConversationStatus.Ok;
        }

        state.State.Disappearing = mode;
        state.State.DisappearingTimer = newTimer;
        if (mode == DisappearingMode.AfterSeen && state.State.LastAfterSeenSeq <= state.State.SeenThrough)
        {
            // Only messages sent from now on carry the mode; with none waiting, the scan can start here.
            state.State.SeenThrough = Math.Max(state.State.SeenThrough, state.State.LastSeq);
        }

        await RecordAsync(new SystemEvent(SystemEventKind.DisappearingChanged, callerId, [], Mode: mode, Timer: mode == DisappearingMode.Off ? null : newTimer));
        return ConversationStatus.Ok;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ExpiryReminder)
        {
            // The reminder keeps ticking every period on its own; it is never re-registered from inside its own tick.
            state.State.ReminderDueAt = clock.GetUtcNow() + ReminderPeriod;
            await PurgeDueAsync(fromReminder: true);
        }
    }

    /// <summary>Gives a new message the conversation's mode (in memory; the caller stores and persists).</summary>
    private ChatMessage WithDisappearing(ChatMessage message)
    {
        switch (state.State.Disappearing)
        {
            case DisappearingMode.AfterSend:
                var due = message.SentAt + state.State.DisappearingTimer;
                NoteDue(message.Seq, due);
                return message with { ExpiresAt = due };
            case DisappearingMode.AfterSeen:
                state.State.LastAfterSeenSeq = message.Seq;
                return message with { DisappearAfterSeen = state.State.DisappearingTimer };
            default:
                return message;
        }
    }

    /// <summary>Starts the "after seen" timers of messages every member has now read (after a read marker moved).</summary>
    private async Task StartSeenTimersAsync()
    {
        var s = state.State;
        // Members who joined later never see what came before them, so they do not hold it back.
        var seenByAll = s.Members.Count == 0 ? 0 : s.Members.Min(m => Math.Max(m.ReadSeq, m.JoinedAfterSeq));
        var upTo = Math.Min(seenByAll, s.LastAfterSeenSeq);
        if (upTo <= s.SeenThrough)
        {
            return;
        }

        var now = clock.GetUtcNow();
        for (var seq = s.SeenThrough + 1; seq <= upTo; seq = ((seq - 1) / IMessageSegmentGrain.Size + 1) * IMessageSegmentGrain.Size + 1)
        {
            var segment = (seq - 1) / IMessageSegmentGrain.Size;
            if (await GrainFactory.GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(ConversationId, seq)).StartSeenTimersAsync(seq, upTo, now) is { } due)
            {
                s.PendingExpiries[segment] = due;
            }
        }

        s.SeenThrough = Math.Max(s.SeenThrough, seenByAll);
        await PersistAsync();
        await ScheduleExpiryAsync();
    }

    private void NoteDue(long seq, DateTimeOffset due)
    {
        var segment = (seq - 1) / IMessageSegmentGrain.Size;
        if (!state.State.PendingExpiries.TryGetValue(segment, out var earliest) || due < earliest)
        {
            state.State.PendingExpiries[segment] = due;
        }
    }

    /// <summary>
    /// Arms the grain timer for the earliest due time, and makes sure the durable reminder fires by then (registering
    /// it only when that moved earlier than its next tick).
    /// </summary>
    private async Task ScheduleExpiryAsync(bool mayRegisterReminder = true)
    {
        if (state.State.PendingExpiries.Count == 0)
        {
            return;
        }

        var next = state.State.PendingExpiries.Values.Min();
        var wait = next - clock.GetUtcNow();
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        _expiryTimer?.Dispose();
        _expiryTimer = this.RegisterGrainTimer(_ => PurgeDueAsync(fromReminder: false),
            new GrainTimerCreationOptions { DueTime = wait, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = false });

        if (mayRegisterReminder && (state.State.ReminderDueAt is not { } scheduled || next < scheduled))
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, wait, ReminderPeriod);
            state.State.ReminderDueAt = next;
            await PersistAsync();
        }
    }

    /// <summary>Purges every due message from storage, inbox previews and members' devices, then plans the next purge.</summary>
    private async Task PurgeDueAsync(bool fromReminder)
    {
        var now = clock.GetUtcNow();
        List<long> purged = [];
        foreach (var (segment, due) in state.State.PendingExpiries.Where(e => e.Value <= now).ToList())
        {
            var result = await GrainFactory.GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(ConversationId, segment * IMessageSegmentGrain.Size + 1)).ExpireAsync(now);
            purged.AddRange(result.Expired);
            foreach (var mediaId in result.MediaIds ?? [])
            {
                await GrainFactory.GetGrain<Media.IMediaAttachment>(mediaId).DeleteAsync();
            }

            if (result.NextDue is { } next)
            {
                state.State.PendingExpiries[segment] = next;
            }
            else
            {
                state.State.PendingExpiries.Remove(segment);
            }
        }

        if (state.State.PendingExpiries.Count == 0)
        {
            state.State.ReminderDueAt = null;
            if (await this.GetReminder(ExpiryReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            await PersistAsync();
        }
        else
        {
            await PersistAsync();
            await ScheduleExpiryAsync(mayRegisterReminder: !fromReminder);
        }

        if (purged.Count > 0)
        {
            LogExpired(logger, purged.Count, ConversationId);
            var last = purged.Max();
            var listed = state.State.Members.Where(m => !m.Unlisted).ToList();
            await Task.WhenAll(listed.Select(m => UpdateInboxAsync(m, new MessagePreview(last, "", "", Deleted: true), readSeq: null)));
            var expired = new MessagesExpired(ConversationId, purged.Order().ToList());
            await Task.WhenAll(listed.Select(m => PublishAsync(m.UserId, expired)));
        }
    }

    /// <summary>A stored message as it may be served now: a due message is already gone, whether or not it was purged yet.</summary>
    private static ChatMessage Live(ChatMessage message, DateTimeOffset now) =>
        message is { ExpiresAt: { } at, Deleted: false } && at <= now
            ? new ChatMessage(message.Seq, message.SenderId, message.ClientMessageId, "", message.SentAt, Deleted: true, Expired: true)
            : message;

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Purged {Count} disappearing messages in {ConversationId}")]
    private static partial void LogExpired(ILogger logger, int count, string conversationId);
}
