namespace OrleansDirect.Conversations;

/// <summary>Outcome of a call that returns a conversation.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Conversation">The conversation when <paramref name="Status"/> is <see cref="ConversationStatus.Ok"/>.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.ConversationResult")]
public sealed record ConversationResult([property: Id(0)] ConversationStatus Status, [property: Id(1)] ConversationView? Conversation);
