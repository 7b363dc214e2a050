namespace OrleansDirect.Inbox;

/// <summary>An inbox page request.</summary>
/// <param name="Cursor">Opaque cursor from the previous page's <see cref="InboxPage.NextCursor"/>, or null for the first page.</param>
/// <param name="Limit">Page size, 1 to <see cref="Validation.MessageRules.MaxPageSize"/>.</param>
/// <param name="Folder">Which folder to list in activity order; ignored in conversation-id order, which lists every folder.</param>
/// <param name="Order">
/// Most recent activity first (the default, for conversation lists), or by conversation id: a stable order in which
/// paging never skips an entry, even while messages arrive (for catch-up). Cursors are only valid in their own order.
/// </param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Inbox.InboxQuery")]
public sealed record InboxQuery(
    [property: Id(0)] string? Cursor,
    [property: Id(1)] int Limit,
    [property: Id(2)] InboxOrder Order = InboxOrder.RecentActivity,
    [property: Id(3)] InboxFolder Folder = InboxFolder.Inbox);

/// <summary>The order of an inbox listing.</summary>
[GenerateSerializer, Alias("OrleansDirect.Inbox.InboxOrder")]
public enum InboxOrder
{
    /// <summary>Most recent activity first.</summary>
    RecentActivity,

    /// <summary>By conversation id (ordinal); stable while the inbox changes.</summary>
    ConversationId,
}
