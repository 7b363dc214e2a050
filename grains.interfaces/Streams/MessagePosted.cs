using OrleansDirect.Conversations;

namespace OrleansDirect.Streams;

/// <summary>A message was stored in a conversation the recipient is a member of.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Message">The message as this recipient may see it.</param>
/// <param name="Folder">Where the conversation sits for the recipient.</param>
/// <param name="Muted">Whether the recipient muted the conversation.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.MessagePosted")]
public sealed record MessagePosted(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ChatMessage Message,
    [property: Id(2)] Inbox.InboxFolder Folder = Inbox.InboxFolder.Inbox,
    [property: Id(3)] bool Muted = false) : UserEvent;
