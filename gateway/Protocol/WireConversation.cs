using OrleansDirect.Conversations;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>A conversation on the wire.</summary>
public sealed record WireConversation(string ConversationId, string Kind, IReadOnlyList<string> MemberIds, long LastSeq, DateTimeOffset CreatedAt)
{
    public static WireConversation From(ConversationView v) =>
        new(v.ConversationId, WireNames.Of(v.Kind), v.MemberIds, v.LastSeq, v.CreatedAt);
}
