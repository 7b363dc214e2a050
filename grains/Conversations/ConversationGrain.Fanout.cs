using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrleansDirect.Inbox;
using OrleansDirect.Streams;

namespace OrleansDirect.Conversations;

// Fan-out: after a change is durable, each member's inbox is updated and an event goes to each member's own stream.
// Both are best effort: a lost stream event is recovered by the client's catch-up, and the message is already stored.
public sealed partial class ConversationGrain
{
    private Task FanOutAsync(ChatMessage message)
    {
        var preview = new MessagePreview(message.Seq, message.SenderId, Shorten(message.Text));
        var posted = new MessagePosted(ConversationId, message);
        return Task.WhenAll(state.State.Members.SelectMany(m => new[]
        {
            UpdateInboxAsync(m.UserId, preview, m.UserId == message.SenderId ? message.Seq : null),
            PublishAsync(m.UserId, posted),
        }));
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
        return Task.WhenAll(state.State.Members.SelectMany(m => new[]
        {
            UpdateInboxAsync(m.UserId, preview: null, readSeq: null),
            PublishAsync(m.UserId, started),
        }));
    }

    private async Task UpdateInboxAsync(string userId, MessagePreview? preview, long? readSeq)
    {
        try
        {
            var others = state.State.Members.Where(m => m.UserId != userId).Select(m => m.UserId).ToList();
            var update = new InboxUpdate(ConversationId, state.State.Kind, others, state.State.LastSeq, state.State.LastActivityAt, preview, readSeq);
            await GrainFactory.GetGrain<IInboxUpdater>(userId).ApplyAsync(update);
        }
        catch (Exception ex)
        {
            LogInboxUpdateFailed(logger, ex, ConversationId, userId);
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

    [LoggerMessage(EventId = 1252, Level = LogLevel.Warning, Message = "Stream publish from {ConversationId} to {UserId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string conversationId, string userId);
}
