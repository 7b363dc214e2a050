namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>history</c>: a page of messages, oldest first.</summary>
public sealed record HistoryFrame(string ConversationId, IReadOnlyList<WireMessage> Messages, bool HasMore, long FirstVisibleSeq, long LastSeq,
    IReadOnlyList<WireReadMarker> ReadMarkers) : ServerFrame
{
    public override string Type => "history";
}

/// <summary>How far another member has read, where receipt settings let the user see it.</summary>
public sealed record WireReadMarker(string UserId, long Seq);
