using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrleansDirect.Inbox;
using OrleansDirect.Streams;

namespace OrleansDirect.Conversations;

// Fan-out: after a change is durable, each member's inbox is updated, and only then does an event go to each member's
// own stream. The order matters for catch-up: a gateway subscribes a user's stream before its sync reads the inbox, so
// a message that the inbox did not show yet is still published after the subscription and arrives live. Both steps
// are best effort: the message is already stored, and a lost stream event is recovered by the client's catch-up.
public sealed partial class ConversationGrain
{
    private Task FanOutAsync(ChatMessage message)
    {
        var preview = new MessagePreview(message.Seq, message.SenderId, Shorten(message.Text));
        var posted = new MessagePosted(ConversationId, message);
        return FanOutAsync(
            m => UpdateInboxAsync(m.UserId, preview, m.UserId == message.SenderId ? message.Seq : null),
            m => PublishAsync(m.UserId, posted));
    }

    private async Task FanOutAsync(Func<MemberState, Task> updateInbox, Func<MemberState, Task> publish)
    {
        var members = state.State.Members.ToList();
        await Task.WhenAll(members.Select(updateInbox));
        await Task.WhenAll(members.Select(publish));
    }

    /// <summary>The first <see cref="MessagePreview.MaxLength"/> characters, never splitting a surrogate pair.</summary>
    internal static string Shorten(string text)
    {
        if (text.Length <= MessagePreview.MaxLength)
        {
            return text;
        }

        var length = char.IsHighSurrogate(text[MessagePreview.MaxLength - 1]) ? MessagePreview.MaxLength - 1 : MessagePreview.MaxLength;
        return text[..length];
    }

    private Task AnnounceStartedAsync()
    {
        var started = new ConversationStarted(View());
        return FanOutAsync(m => UpdateInboxAsync(m.UserId, preview: null, readSeq: null), m => PublishAsync(m.UserId, started));
    }

    private async Task UpdateInboxAsync(string userId, MessagePreview? preview, long? readSeq)
    {
        var others = state.State.Members.Where(m => m.UserId != userId).Select(m => m.UserId).ToList();
        var update = new InboxUpdate(ConversationId, state.State.Kind, others, state.State.LastSeq, state.State.LastActivityAt, preview, readSeq);

        // Updates are idempotent (sequence numbers only move forward), so one retry is safe.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await GrainFactory.GetGrain<IInboxUpdater>(userId).ApplyAsync(update);
                return;
            }
            catch (Exception ex) when (attempt < 2)
            {
                LogInboxUpdateRetry(logger, ex, ConversationId, userId);
            }
            catch (Exception ex)
            {
                LogInboxUpdateFailed(logger, ex, ConversationId, userId);
                return;
            }
        }
    }

    private async Task PublishAsync(string userId, UserEvent evt)
    {
        try
        {
            var stream = this.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(userId));
            await stream.OnNextAsync(evt);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, ConversationId, userId);
        }
    }

    [LoggerMessage(EventId = 1251, Level = LogLevel.Warning, Message = "Inbox update from {ConversationId} to {UserId} failed")]
    private static partial void LogInboxUpdateFailed(ILogger logger, Exception exception, string conversationId, string userId);

    [LoggerMessage(EventId = 1253, Level = LogLevel.Information, Message = "Inbox update from {ConversationId} to {UserId} failed once; retrying")]
    private static partial void LogInboxUpdateRetry(ILogger logger, Exception exception, string conversationId, string userId);

    [LoggerMessage(EventId = 1252, Level = LogLevel.Warning, Message = "Stream publish from {ConversationId} to {UserId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string conversationId, string userId);
}
