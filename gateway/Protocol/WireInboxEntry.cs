using OrleansDirect.Inbox;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>An inbox entry on the wire.</summary>
public sealed record WireInboxEntry(
    string ConversationId, string Kind, IReadOnlyList<string> OtherMemberIds, long LastSeq, DateTimeOffset LastActivityAt,
    long ReadSeq, long UnreadCount, WirePreview? Preview, string Folder, bool Muted, string? Name)
{
    public static WireInboxEntry From(InboxEntry e) =>
        new(e.ConversationId, WireNames.Of(e.Kind), e.OtherMemberIds, e.LastSeq, e.LastActivityAt, e.ReadSeq, e.UnreadCount,
            e.Preview is { } p ? new WirePreview(p.Seq, p.SenderId, p.Text, p.Masked ? true : null, p.Deleted ? true : null) : null, WireNames.Of(e.Folder), e.Muted, e.Name);
}
