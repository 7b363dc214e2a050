using OrleansDirect.Conversations;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>A message on the wire.</summary>
public sealed record WireMessage(long Seq, string SenderId, string ClientMessageId, string Text, DateTimeOffset SentAt)
{
    public static WireMessage From(ChatMessage m) => new(m.Seq, m.SenderId, m.ClientMessageId, m.Text, m.SentAt);
}
