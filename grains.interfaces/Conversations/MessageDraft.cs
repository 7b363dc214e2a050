namespace OrleansDirect.Conversations;

/// <summary>A message as the sender submits it.</summary>
/// <param name="ClientMessageId">Sender-chosen id that makes the send idempotent; see <see cref="Validation.MessageRules.IsValidClientMessageId"/>.</param>
/// <param name="Text">Message text; see <see cref="Validation.MessageRules.CheckText"/>.</param>
/// <param name="LinkPreview">Optional preview metadata for a link in the text.</param>
/// <param name="ReplyToSeq">Optional: the message this one replies to (quoted by sequence number).</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.MessageDraft")]
public sealed record MessageDraft(
    [property: Id(0)] string ClientMessageId,
    [property: Id(1)] string Text,
    [property: Id(2)] LinkPreview? LinkPreview = null,
    [property: Id(3)] long? ReplyToSeq = null);
