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
/// <param name="ReplyToSeq">The message this one replies to.</param>
/// <param name="Reactions">Members' reactions.</param>
/// <param name="Edits">Earlier versions, oldest first, when the sender edited it; the current text is <paramref name="Text"/>.</param>
/// <param name="Deleted">The sender unsent it, or every member deleted it: a tombstone without content.</param>
/// <param name="HiddenFor">Stored only: members who deleted it for themselves. Never part of a member's copy.</param>
/// <param name="Quote">In a viewer's copy of a reply only: what it quotes.</param>
/// <param name="ExpiresAt">A disappearing message: when it is purged (known once it is due to start counting down).</param>
/// <param name="DisappearAfterSeen">A message sent in "after seen" mode: its timer, which starts when every member has read it.</param>
/// <param name="Expired">A disappearing message that was purged: a tombstone without content (<paramref name="Deleted"/> is also true).</param>
/// <param name="Media">An attached photo, video or voice note.</param>
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
    [property: Id(8)] SystemEvent? Event = null,
    [property: Id(9)] long? ReplyToSeq = null,
    [property: Id(10)] IReadOnlyList<Reaction>? Reactions = null,
    [property: Id(11)] IReadOnlyList<MessageEdit>? Edits = null,
    [property: Id(12)] bool Deleted = false,
    [property: Id(13)] IReadOnlyList<string>? HiddenFor = null,
    [property: Id(14)] Quote? Quote = null,
    [property: Id(15)] DateTimeOffset? ExpiresAt = null,
    [property: Id(16)] TimeSpan? DisappearAfterSeen = null,
    [property: Id(17)] bool Expired = false,
    [property: Id(18)] MediaRef? Media = null);

/// <summary>A photo, video or voice note sent with a message; its bytes are fetched over HTTP by members only.</summary>
/// <param name="MediaId">The medium.</param>
/// <param name="Kind">Image, video or voice.</param>
/// <param name="ContentType">Its detected MIME type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="ViewOnce">Each recipient may open it once; the bytes are deleted when all have, or at the view-once expiry.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.MediaRef")]
public sealed record MediaRef(
    [property: Id(0)] string MediaId,
    [property: Id(1)] Media.MediaKind Kind,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Size,
    [property: Id(4)] bool ViewOnce);

/// <summary>One member's reaction to a message (one per member; changing it replaces it).</summary>
/// <param name="UserId">Who reacted.</param>
/// <param name="Emoji">The reaction, 1 to <see cref="Validation.MessageRules.MaxReactionLength"/> characters.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.Reaction")]
public sealed record Reaction([property: Id(0)] string UserId, [property: Id(1)] string Emoji);

/// <summary>An earlier version of an edited message.</summary>
/// <param name="Text">The text as it was.</param>
/// <param name="ReplacedAt">When an edit replaced it.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.MessageEdit")]
public sealed record MessageEdit([property: Id(0)] string Text, [property: Id(1)] DateTimeOffset ReplacedAt);

/// <summary>
/// What a reply quotes, as the viewer may see the original now (computed when the reply is read, never stored):
/// an original that was unsent, deleted or that the viewer may not see is <paramref name="Unavailable"/>.
/// </summary>
/// <param name="Seq">The original's sequence number.</param>
/// <param name="SenderId">Its author, when available.</param>
/// <param name="Text">Its first <see cref="Inbox.MessagePreview.MaxLength"/> characters, when available.</param>
/// <param name="Unavailable">The original is gone or hidden from the viewer.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.Quote")]
public sealed record Quote([property: Id(0)] long Seq, [property: Id(1)] string? SenderId, [property: Id(2)] string? Text, [property: Id(3)] bool Unavailable);
