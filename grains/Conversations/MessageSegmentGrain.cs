using OrleansDirect.Hosting;

namespace OrleansDirect.Conversations;

/// <summary>Holds one segment of history; see <see cref="IMessageSegmentGrain"/>.</summary>
public sealed class MessageSegmentGrain(
    [PersistentState("segment", StorageNames.Messages)] IPersistentState<MessageSegmentState> state) : Grain, IMessageSegmentGrain
{
    public async Task AppendAsync(ChatMessage message)
    {
        var messages = state.State.Messages;
        var index = messages.FindIndex(m => m.Seq >= message.Seq);
        if (index < 0)
        {
            messages.Add(message);
        }
        else if (messages[index].Seq == message.Seq)
        {
            // Only a sequence number that was never acknowledged can be written twice (the conversation crashed
            // between this write and recording the message), so the newer write is the one that counts.
            messages[index] = message;
        }
        else
        {
            messages.Insert(index, message);
        }

        await state.WriteOrDiscardAsync(DeactivateOnIdle);
    }

    public async Task<DateTimeOffset?> StartSeenTimersAsync(long from, long to, DateTimeOffset seenAt)
    {
        var messages = state.State.Messages;
        var changed = false;
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is { DisappearAfterSeen: { } timer, ExpiresAt: null, Deleted: false } m && m.Seq >= from && m.Seq <= to)
            {
                messages[i] = m with { ExpiresAt = seenAt + timer };
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }

        return NextDue();
    }

    public async Task<ExpireResult> ExpireAsync(DateTimeOffset now)
    {
        var messages = state.State.Messages;
        List<long> expired = [];
        List<string> media = [];
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is { ExpiresAt: { } at, Deleted: false } m && at <= now)
            {
                if (m.Media is { } attached)
                {
                    media.Add(attached.MediaId);
                }

                messages[i] = new ChatMessage(m.Seq, m.SenderId, m.ClientMessageId, "", m.SentAt, Deleted: true, Expired: true);
                expired.Add(m.Seq);
            }
        }

        if (expired.Count > 0)
        {
            await state.WriteOrDiscardAsync(DeactivateOnIdle);
        }

        return new ExpireResult(expired, NextDue(), media);
    }

    private DateTimeOffset? NextDue() =>
        state.State.Messages.Where(m => m is { ExpiresAt: not null, Deleted: false }).Select(m => m.ExpiresAt).Min();

    public Task<IReadOnlyList<ChatMessage>> ReadAsync(long from, long to) =>
        Task.FromResult<IReadOnlyList<ChatMessage>>(state.State.Messages.Where(m => m.Seq >= from && m.Seq <= to).ToList());
}
