namespace OrleansDirect.Inbox;

/// <summary>The write side of an inbox, called only by conversations. Key: the user id. Silo-internal.</summary>
[Alias("OrleansDirect.Inbox.IInboxUpdater")]
public interface IInboxUpdater : IGrainWithStringKey
{
    /// <summary>
    /// Merges an update into the entry for its conversation, creating it if needed. Sequence numbers only move
    /// forward, so updates may arrive twice or out of order without harm.
    /// </summary>
    [Alias("Apply")]
    Task ApplyAsync(InboxUpdate update);
}
