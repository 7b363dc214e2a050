namespace OrleansDirect.Inbox;

/// <summary>
/// A user's conversation list, most recent activity first. Key: the user id. Only its owner may read it; the
/// conversations keep it up to date through an interface that is not part of this contract.
/// </summary>
[Alias("OrleansDirect.Inbox.IInboxGrain")]
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>Reads one page of the caller's inbox.</summary>
    [Alias("GetPage")]
    Task<InboxPage> GetPageAsync(string callerId, InboxQuery query);
}
