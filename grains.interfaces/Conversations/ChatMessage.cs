namespace OrleansDirect.Conversations;

/// <summary>A stored message.</summary>
/// <param name="Seq">Per-conversation sequence number, starting at 1, without holes.</param>
/// <param name="SenderId">The author.</param>
/// <param name="ClientMessageId">The author's idempotency key.</param>
/// <param name="Text">The text.</param>
/// <param name="SentAt">Server timestamp, assigned when the conversation accepted the message.</param>
/// <param name="LinkPreview">Preview metadata the sender attached; removed for viewers who may not see it.</param>
/// <param name="SentAsRequest">Whether the message was a message request: clients must not make its links clickable.</param>
/// <param name="Event">For a system message (group membership and settings changes): what happened; its text is empty.</param>
/// <param name="Masked">
/// In a viewer's copy only: the text matched the viewer's hidden words while the conversation is a hidden request, so
/// the text is empty until they accept.
/// </param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] long Seq,
    [property: Id(1)] string SenderId,
    [property: Id(2)] string ClientMessageId,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset SentAt,
    [property: Id(5)] LinkPreview? LinkPreview = null,
    [property: Id(6)] bool SentAsRequest = false,
    [property: Id(7)] bool Masked = false,
    [property: Id(8)] SystemEvent? Event = null);
