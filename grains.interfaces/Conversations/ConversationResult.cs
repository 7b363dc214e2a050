namespace OrleansDirect.Conversations;

/// <summary>Outcome of a call that returns a conversation.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Conversation">The conversation when <paramref name="Status"/> is <see cref="ConversationStatus.Ok"/>.</param>
/// <param name="RetryAfter">When <see cref="ConversationStatus.RateLimited"/>: how long until the action is allowed again.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.ConversationResult")]
public sealed record ConversationResult(
    [property: Id(0)] ConversationStatus Status,
    [property: Id(1)] ConversationView? Conversation,
    [property: Id(2)] TimeSpan? RetryAfter = null);
