namespace OrleansDirect.Conversations;

/// <summary>A stored message.</summary>
/// <param name="Seq">Per-conversation sequence number, starting at 1, without holes.</param>
/// <param name="SenderId">The author.</param>
/// <param name="ClientMessageId">The author's idempotency key.</param>
/// <param name="Text">The text.</param>
/// <param name="SentAt">Server timestamp, assigned when the conversation accepted the message.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] long Seq,
    [property: Id(1)] string SenderId,
    [property: Id(2)] string ClientMessageId,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset SentAt);
