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

    public Task<IReadOnlyList<ChatMessage>> ReadAsync(long from, long to) =>
        Task.FromResult<IReadOnlyList<ChatMessage>>(state.State.Messages.Where(m => m.Seq >= from && m.Seq <= to).ToList());
}
