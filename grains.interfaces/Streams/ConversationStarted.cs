using OrleansDirect.Conversations;

namespace OrleansDirect.Streams;

/// <summary>The recipient became a member of a conversation.</summary>
/// <param name="Conversation">The conversation.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Streams.ConversationStarted")]
public sealed record ConversationStarted([property: Id(0)] ConversationView Conversation) : UserEvent;
