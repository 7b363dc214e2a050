using OrleansDirect.Conversations;

namespace OrleansDirect.Inbox;

/// <summary>One conversation in an inbox.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Kind">Direct or group.</param>
/// <param name="OtherMemberIds">The other members' user ids.</param>
/// <param name="LastSeq">Sequence number of the newest message.</param>
/// <param name="LastActivityAt">When the newest message was sent (or the conversation started).</param>
/// <param name="ReadSeq">The owner's read marker.</param>
/// <param name="UnreadCount">Messages after the read marker.</param>
/// <param name="Preview">The newest message, shortened, or null when there is none.</param>
/// <param name="Folder">Inbox, requests or hidden requests.</param>
/// <param name="Muted">Whether the owner muted the conversation.</param>
/// <param name="Name">A group's name.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Inbox.InboxEntry")]
public sealed record InboxEntry(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationKind Kind,
    [property: Id(2)] IReadOnlyList<string> OtherMemberIds,
    [property: Id(3)] long LastSeq,
    [property: Id(4)] DateTimeOffset LastActivityAt,
    [property: Id(5)] long ReadSeq,
    [property: Id(6)] long UnreadCount,
    [property: Id(7)] MessagePreview? Preview,
    [property: Id(8)] InboxFolder Folder = InboxFolder.Inbox,
    [property: Id(9)] bool Muted = false,
    [property: Id(10)] string? Name = null);

/// <summary>The folders of a user's conversation list.</summary>
[GenerateSerializer, Alias("OrleansDirect.Inbox.InboxFolder")]
public enum InboxFolder
{
    /// <summary>Accepted conversations.</summary>
    Inbox,

    /// <summary>Message requests, and conversations with restricted accounts.</summary>
    Requests,

    /// <summary>Message requests whose text matched the owner's hidden words.</summary>
    HiddenRequests,
}

/// <summary>A shortened view of a message for conversation lists.</summary>
/// <param name="Seq">The message's sequence number.</param>
/// <param name="SenderId">The author.</param>
/// <param name="Text">The first <see cref="MaxLength"/> characters of the text (empty when masked).</param>
/// <param name="Masked">The text is hidden because it matched the owner's hidden words in a request.</param>
/// <param name="Deleted">The message was unsent or deleted: the text is empty.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Inbox.MessagePreview")]
public sealed record MessagePreview(
    [property: Id(0)] long Seq,
    [property: Id(1)] string SenderId,
    [property: Id(2)] string Text,
    [property: Id(3)] bool Masked = false,
    [property: Id(4)] bool Deleted = false)
{
    /// <summary>Longest preview text.</summary>
    public const int MaxLength = 100;
}
