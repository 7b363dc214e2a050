namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>conversation</c>: answer to <c>open_direct</c>.</summary>
public sealed record ConversationFrame(WireConversation Conversation) : ServerFrame
{
    public override string Type => "conversation";
}
