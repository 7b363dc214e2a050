namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>conversation_started</c>: the user became a member of a conversation (pushed).</summary>
public sealed record ConversationStartedFrame(WireConversation Conversation) : ServerFrame
{
    public override string Type => "conversation_started";
}
