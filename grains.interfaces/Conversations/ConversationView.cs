namespace OrleansDirect.Conversations;

/// <summary>A conversation as one of its members sees it.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Kind">Direct or group.</param>
/// <param name="MemberIds">Every member's user id, the caller included.</param>
/// <param name="LastSeq">Sequence number of the newest message (0 when empty).</param>
/// <param name="CreatedAt">When the conversation was started.</param>
/// <param name="Folder">Where the conversation sits for the viewer: inbox, requests or hidden requests.</param>
/// <param name="Muted">Whether the viewer muted it (clients do not notify).</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationKind Kind,
    [property: Id(2)] IReadOnlyList<string> MemberIds,
    [property: Id(3)] long LastSeq,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] Inbox.InboxFolder Folder = Inbox.InboxFolder.Inbox,
    [property: Id(6)] bool Muted = false);
