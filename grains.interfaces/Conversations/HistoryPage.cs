namespace OrleansDirect.Conversations;

/// <summary>A page of history, oldest first.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Messages">The messages, in ascending sequence order.</param>
/// <param name="HasMore">Whether more messages exist beyond this page in the direction that was asked.</param>
/// <param name="FirstVisibleSeq">The first sequence number the caller may ever read (later than 1 for members who joined late).</param>
/// <param name="LastSeq">The conversation's last sequence number when the page was read.</param>
/// <param name="ReadMarkers">The other members' read positions that their and the caller's receipt settings let the caller see.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.HistoryPage")]
public sealed record HistoryPage(
    [property: Id(0)] ConversationStatus Status,
    [property: Id(1)] IReadOnlyList<ChatMessage> Messages,
    [property: Id(2)] bool HasMore,
    [property: Id(3)] long FirstVisibleSeq,
    [property: Id(4)] long LastSeq,
    [property: Id(5)] IReadOnlyList<ReadMarker>? ReadMarkers = null)
{
    /// <summary>A refusal with no messages.</summary>
    public static HistoryPage Refused(ConversationStatus status) => new(status, [], false, 0, 0);
}

/// <summary>How far one member has read.</summary>
/// <param name="UserId">The member.</param>
/// <param name="Seq">Every message up to this sequence number is read.</param>
[GenerateSerializer, Immutable, Alias("OrleansDirect.Conversations.ReadMarker")]
public sealed record ReadMarker([property: Id(0)] string UserId, [property: Id(1)] long Seq);
