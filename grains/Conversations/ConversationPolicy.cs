using OrleansDirect.Validation;

namespace OrleansDirect.Conversations;

/// <summary>Pure authorization and paging rules of a conversation, unit-tested without a cluster.</summary>
internal static class ConversationPolicy
{
    public static MemberState? FindMember(ConversationState state, string userId) =>
        state.Started ? state.Members.Find(m => m.UserId == userId) : null;

    /// <summary>
    /// A member who may read: listed members only. Someone with a request that carries no message yet, or who declined
    /// one, is answered as an outsider (so an unsent request is not disclosed by reading its id).
    /// </summary>
    public static MemberState? FindListed(ConversationState state, string userId) =>
        FindMember(state, userId) is { Unlisted: false } member ? member : null;

    /// <summary>Someone who may read history: a listed member, or a former group member (up to the point they left).</summary>
    public static MemberState? FindReader(ConversationState state, string userId) =>
        FindListed(state, userId) ?? (state.Started ? state.FormerMembers.FindLast(m => m.UserId == userId) : null);

    public static ConversationStatus CheckDraft(MessageDraft draft) => MessageRules.CheckDraft(draft);

    /// <summary>
    /// The inclusive range of sequence numbers a history query returns to <paramref name="member"/>, or null when the
    /// query is malformed. An empty range has <c>From &gt; To</c>.
    /// </summary>
    public static HistoryRange? Range(HistoryQuery query, MemberState member, long lastSeq)
    {
        if (!MessageRules.IsValidPageSize(query.Limit) || (query.BeforeSeq is not null && query.AfterSeq is not null)
            || query.BeforeSeq < 0 || query.AfterSeq < 0)
        {
            return null;
        }

        var first = member.JoinedAfterSeq + 1;
        if (query.AfterSeq is { } after)
        {
            var from = Math.Max(after + 1, first);
            var to = Math.Min(from + query.Limit - 1, lastSeq);
            return new HistoryRange(from, to, to < lastSeq, first);
        }

        var upper = Math.Min((query.BeforeSeq ?? long.MaxValue) - 1, lastSeq);
        var lower = Math.Max(upper - query.Limit + 1, first);
        return new HistoryRange(lower, upper, lower > first, first);
    }
}

/// <summary>A resolved history range.</summary>
internal readonly record struct HistoryRange(long From, long To, bool HasMore, long FirstVisible);
