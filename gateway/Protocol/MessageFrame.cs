namespace OrleansDirect.Gateway.Protocol;

/// <summary>
/// <c>message</c>: a message in a conversation, live or from catch-up. Live messages also say where the conversation
/// sits for the user (<c>folder</c>) and whether they muted it, so clients know whether to notify.
/// </summary>
public sealed record MessageFrame(string ConversationId, WireMessage Message, string? Folder = null, bool? Muted = null) : ServerFrame
{
    public override string Type => "message";
}
