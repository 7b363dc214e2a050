namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>message</c>: a message in a conversation, live or from catch-up.</summary>
public sealed record MessageFrame(string ConversationId, WireMessage Message) : ServerFrame
{
    public override string Type => "message";
}
