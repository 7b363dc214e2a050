using OrleansDirect.Conversations;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>
/// A conversation on the wire, as the receiving user sees it. Group fields are absent for 1:1 conversations;
/// <c>pendingAddIds</c> is shown to admins only; <c>left</c> and <c>blockedMemberIds</c> appear only when they apply.
/// </summary>
public sealed record WireConversation(
    string ConversationId, string Kind, IReadOnlyList<string> MemberIds, long LastSeq, DateTimeOffset CreatedAt, string Folder, bool Muted,
    string? Name, IReadOnlyList<string>? AdminIds, bool? ApprovalRequired, IReadOnlyList<string>? PendingAddIds, bool? Left,
    IReadOnlyList<string>? BlockedMemberIds, string Disappearing, long? DisappearingTimerSeconds)
{
    public static WireConversation From(ConversationView v)
    {
        var group = v.Kind == ConversationKind.Group;
        return new(v.ConversationId, WireNames.Of(v.Kind), v.MemberIds, v.LastSeq, v.CreatedAt, WireNames.Of(v.Folder), v.Muted,
            v.Name, v.AdminIds, group ? v.ApprovalRequired : null, v.PendingAddIds, v.Left ? true : null, v.BlockedMemberIds,
            WireNames.Of(v.Disappearing), v.DisappearingTimer is { } t ? (long)t.TotalSeconds : null);
    }
}
