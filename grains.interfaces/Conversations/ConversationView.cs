namespace OrleansDirect.Conversations;

/// <summary>A conversation as one of its members sees it.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Kind">Direct or group.</param>
/// <param name="MemberIds">Every member's user id, the caller included.</param>
/// <param name="LastSeq">Sequence number of the newest message (0 when empty).</param>
/// <param name="CreatedAt">When the conversation was started.</param>
/// <param name="Folder">Where the conversation sits for the viewer: inbox, requests or hidden requests.</param>
/// <param name="Muted">Whether the viewer muted it (clients do not notify).</param>
/// <param name="Name">A group's name.</param>
/// <param name="AdminIds">A group's admins.</param>
/// <param name="ApprovalRequired">Whether members' adds to a group wait for an admin's approval.</param>
/// <param name="PendingAddIds">Adds waiting for approval (shown to admins only).</param>
/// <param name="Left">The viewer left or was removed: they may read history up to that point, and get nothing new.</param>
/// <param name="BlockedMemberIds">
/// Members the viewer blocked: a warning. Their messages, receipts and typing are withheld from the viewer.
/// </param>
/// <param name="Disappearing">The disappearing-messages mode for new messages.</param>
/// <param name="DisappearingTimer">Its timer, when the mode is not off.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationKind Kind,
    [property: Id(2)] IReadOnlyList<string> MemberIds,
    [property: Id(3)] long LastSeq,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] Inbox.InboxFolder Folder = Inbox.InboxFolder.Inbox,
    [property: Id(6)] bool Muted = false,
    [property: Id(7)] string? Name = null,
    [property: Id(8)] IReadOnlyList<string>? AdminIds = null,
    [property: Id(9)] bool ApprovalRequired = false,
    [property: Id(10)] IReadOnlyList<string>? PendingAddIds = null,
    [property: Id(11)] bool Left = false,
    [property: Id(12)] IReadOnlyList<string>? BlockedMemberIds = null,
    [property: Id(13)] DisappearingMode Disappearing = DisappearingMode.Off,
    [property: Id(14)] TimeSpan? DisappearingTimer = null);
