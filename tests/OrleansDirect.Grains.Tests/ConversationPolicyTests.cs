using OrleansDirect.Conversations;

namespace OrleansDirect.Tests;

[Trait("Category", "Unit")]
public sealed class ConversationPolicyTests
{
    private static readonly MemberState Member = new() { UserId = "u_a" };
    private static readonly MemberState LateJoiner = new() { UserId = "u_c", JoinedAfterSeq = 40 };

    [Fact]
    public void FindMember_OnlyFindsMembersOfStartedConversations()
    {
        var state = new ConversationState { Started = true, Members = [Member] };

        Assert.Same(Member, ConversationPolicy.FindMember(state, "u_a"));
        Assert.Null(ConversationPolicy.FindMember(state, "u_x"));
        Assert.Null(ConversationPolicy.FindMember(new ConversationState { Members = [Member] }, "u_a"));
    }

    [Theory]
    [InlineData(null, null, 10, 91L, 100L, true)]
    [InlineData(null, 95L, 10, 96L, 100L, false)]
    [InlineData(null, 0L, 10, 1L, 10L, true)]
    [InlineData(11L, null, 10, 1L, 10L, false)]
    [InlineData(50L, null, 10, 40L, 49L, true)]
    [InlineData(null, 100L, 10, 101L, 100L, false)]
    public void Range_ResolvesBeforeAfterAndLatest(long? before, long? after, int limit, long from, long to, bool hasMore)
    {
        var range = ConversationPolicy.Range(new HistoryQuery(before, after, limit), Member, lastSeq: 100);

        Assert.Equal((from, to, hasMore), (range!.Value.From, range.Value.To, range.Value.HasMore));
    }

    [Fact]
    public void Range_NeverReachesBeforeTheMembersJoinPoint()
    {
        var latest = ConversationPolicy.Range(new HistoryQuery(null, null, 100), LateJoiner, lastSeq: 60)!.Value;
        var after = ConversationPolicy.Range(new HistoryQuery(null, 0, 5), LateJoiner, lastSeq: 60)!.Value;

        Assert.Equal((41L, 60L, false, 41L), (latest.From, latest.To, latest.HasMore, latest.FirstVisible));
        Assert.Equal((41L, 45L), (after.From, after.To));
    }

    [Theory]
    [InlineData(null, null, 0)]
    [InlineData(null, null, 101)]
    [InlineData(5L, 1L, 10)]
    [InlineData(-1L, null, 10)]
    [InlineData(null, -1L, 10)]
    public void Range_RejectsMalformedQueries(long? before, long? after, int limit) =>
        Assert.Null(ConversationPolicy.Range(new HistoryQuery(before, after, limit), Member, 100));

    [Theory]
    [InlineData("ok", "c1", ConversationStatus.Ok)]
    [InlineData("", "c1", ConversationStatus.EmptyText)]
    [InlineData("ok", "bad id", ConversationStatus.InvalidClientMessageId)]
    public void CheckDraft_MapsShapeRulesToStatuses(string text, string clientId, ConversationStatus expected) =>
        Assert.Equal(expected, ConversationPolicy.CheckDraft(new MessageDraft(clientId, text)));

    [Fact]
    public void Shorten_CutsPreviewWithoutSplittingSurrogatePairs()
    {
        var text = new string('a', 99) + "😀" + "tail";

        var preview = ConversationGrain.Shorten(text);

        Assert.Equal(99, preview.Length);
        Assert.Equal(new string('a', 100), ConversationGrain.Shorten(new string('a', 150)));
        Assert.Equal("short", ConversationGrain.Shorten("short"));
    }
}
