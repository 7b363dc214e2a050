namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>gap</c>: messages <c>fromSeq..toSeq</c> cannot be delivered (they are not readable by this user).</summary>
public sealed record GapFrame(string ConversationId, long FromSeq, long ToSeq) : ServerFrame
{
    public override string Type => "gap";
}
