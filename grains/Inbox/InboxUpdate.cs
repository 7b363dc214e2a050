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
[GenerateSerializer, Immutable, Alias("OrleansDirect.Inbox.InboxUpdate")]
public sealed record InboxUpdate(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationKind Kind,
    [property: Id(2)] IReadOnlyList<string> OtherMemberIds,
    [property: Id(3)] long LastSeq,
    [property: Id(4)] DateTimeOffset LastActivityAt,
    [property: Id(5)] MessagePreview? Preview,
    [property: Id(6)] long? ReadSeq);
