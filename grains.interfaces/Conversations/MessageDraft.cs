namespace OrleansDirect.Conversations;

/// <summary>A message as the sender submits it.</summary>
/// <param name="ClientMessageId">Sender-chosen id that makes the send idempotent; see <see cref="Validation.MessageRules.IsValidClientMessageId"/>.</param>
/// <param name="Text">Message text; see <see cref="Validation.MessageRules.CheckText"/>.</param>
/// <param name="LinkPreview">Optional preview metadata for a link in the text.</param>
/// <param name="MediaId">Optional: a completed upload of the sender's (the text is then an optional caption).</param>
/// <param name="ViewOnce">With a photo or video: each recipient may open it once.</param>
/// <param name="ReplyToSeq">Optional: the message this one replies to (quoted by sequence number).</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.MessageDraft")]
public sealed record MessageDraft(
    [property: Id(0)] string ClientMessageId,
    [property: Id(1)] string Text,
    [property: Id(2)] LinkPreview? LinkPreview = null,
    [property: Id(3)] long? ReplyToSeq = null,
    [property: Id(4)] string? MediaId = null,
    [property: Id(5)] bool ViewOnce = false);
