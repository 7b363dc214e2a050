namespace OrleansDirect.Gateway.Protocol;

/// <summary><c>inbox</c>: a page of the user's conversations, most recent activity first.</summary>
public sealed record InboxFrame(IReadOnlyList<WireInboxEntry> Entries, string? NextCursor) : ServerFrame
{
    public override string Type => "inbox";
}
