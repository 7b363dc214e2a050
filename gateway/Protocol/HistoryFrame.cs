namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>history</c>: a page of messages, oldest first.</summary>
public sealed record HistoryFrame(string ConversationId, IReadOnlyList<WireMessage> Messages, bool HasMore, long FirstVisibleSeq, long LastSeq) : ServerFrame
{
    public override string Type => "history";
}
