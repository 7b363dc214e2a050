using OrleansDirect.Conversations;

namespace OrleansDirect.Inbox;

/// <summary>A change to one inbox entry.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Kind">Direct or group.</param>
/// <param name="OtherMemberIds">The other members.</param>
/// <param name="LastSeq">The conversation's newest sequence number.</param>
/// <param name="LastActivityAt">When that message was sent (or the conversation started).</param>
/// <param name="Preview">Preview of the newest message, if this update carries one.</param>
/// <param name="ReadSeq">The owner's read marker, if this update moves it.</param>
/// <param name="Folder">Where the conversation sits for the owner.</param>
/// <param name="Muted">Whether the owner muted it.</param>
/// <param name="Name">A group's name.</param>
/// <param name="Remove">Take the entry out of the inbox (the owner declined the request).</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Inbox.InboxUpdate")]
public sealed record InboxUpdate(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationKind Kind,
    [property: Id(2)] IReadOnlyList<string> OtherMemberIds,
    [property: Id(3)] long LastSeq,
    [property: Id(4)] DateTimeOffset LastActivityAt,
    [property: Id(5)] MessagePreview? Preview,
    [property: Id(6)] long? ReadSeq,
    [property: Id(7)] InboxFolder Folder = InboxFolder.Inbox,
    [property: Id(8)] bool Muted = false,
    [property: Id(9)] bool Remove = false,
    [property: Id(10)] string? Name = null);
