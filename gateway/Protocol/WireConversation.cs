using OrleansDirect.Conversations;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>A conversation on the wire, as the receiving user sees it.</summary>
public sealed record WireConversation(
    string ConversationId, string Kind, IReadOnlyList<string> MemberIds, long LastSeq, DateTimeOffset CreatedAt, string Folder, bool Muted)
{
    public static WireConversation From(ConversationView v) =>
        new(v.ConversationId, WireNames.Of(v.Kind), v.MemberIds, v.LastSeq, v.CreatedAt, WireNames.Of(v.Folder), v.Muted);
}
