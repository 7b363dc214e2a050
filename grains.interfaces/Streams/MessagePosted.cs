using OrleansDirect.Conversations;

namespace OrleansDirect.Streams;

/// <summary>A message was stored in a conversation the recipient is a member of.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Message">The stored message.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.MessagePosted")]
public sealed record MessagePosted([property: Id(0)] string ConversationId, [property: Id(1)] ChatMessage Message) : UserEvent;
