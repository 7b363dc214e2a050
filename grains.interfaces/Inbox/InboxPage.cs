namespace OrleansDirect.Inbox;

/// <summary>One page of an inbox.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Entries">Conversations, most recent activity first.</param>
/// <param name="NextCursor">Cursor for the next page, or null when this is the last one.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Inbox.InboxPage")]
public sealed record InboxPage(
    [property: Id(0)] InboxStatus Status,
    [property: Id(1)] IReadOnlyList<InboxEntry> Entries,
    [property: Id(2)] string? NextCursor);

/// <summary>Inbox call outcomes.</summary>
[GenerateSerializer, Alias("OrleansDirect.Inbox.InboxStatus")]
public enum InboxStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>The caller is not the inbox's owner.</summary>
    Forbidden,

    /// <summary>The page size or cursor is malformed.</summary>
    InvalidQuery,
}
