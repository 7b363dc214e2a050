namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>sent</c>: a <c>send</c> was stored; <c>duplicate</c> is true for a retried client message id.</summary>
public sealed record SentFrame(string ConversationId, string ClientMessageId, long Seq, DateTimeOffset SentAt, bool Duplicate) : ServerFrame
{
    public override string Type => "sent";
}
