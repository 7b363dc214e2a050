using System.Text;
using OrleansDirect.Hosting;
using OrleansDirect.Social;

namespace OrleansDirect.Tests;

/// <summary>Rate limits (token buckets) and paging over a user's lists.</summary>
public sealed partial class PrivacyRulesTests
{
    [Fact]
    public void TokenBucket_AllowsTheBurstThenComputesTheWait()
    {
        var bucket = new TokenBucket(capacity: 3, perSecond: 2, Now);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, bucket.WaitFor(Now));
            bucket.Take(Now);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(500), bucket.WaitFor(Now));
        Assert.Equal(TimeSpan.FromMilliseconds(250), bucket.WaitFor(Now.AddMilliseconds(250)));
        Assert.Equal(TimeSpan.Zero, bucket.WaitFor(Now.AddMilliseconds(500)));
    }

    [Fact]
    public void TokenBucket_RefillsOverTimeButNeverAboveCapacity()
    {
        var bucket = new TokenBucket(capacity: 2, perSecond: 1, Now);
        bucket.Take(Now);
        bucket.Take(Now);

        Assert.Equal(TimeSpan.Zero, bucket.WaitFor(Now.AddSeconds(1)));
        bucket.Take(Now.AddSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.WaitFor(Now.AddSeconds(1)));

        // An idle hour refills to capacity and no further: two go, the third waits.
        var later = Now.AddHours(1);
        bucket.Take(later);
        bucket.Take(later);
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.WaitFor(later));

        // A clock that steps back adds nothing.
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.WaitFor(later.AddMinutes(-1)));
    }

    [Fact]
    public void TokenBucket_GivenBackTokens_ShortenTheTimeUntilFullButNeverPassCapacity()
    {
        // The sign-in allowance: 3 per hour, one token back for each sign-in whose password was right.
        var bucket = new TokenBucket(capacity: 3, perSecond: 3 / 3600.0, Now);
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilFull(Now));

        bucket.Take(Now);
        bucket.Take(Now);
        Assert.Equal(40, Minutes(bucket.TimeUntilFull(Now)));
        Assert.Equal(30, Minutes(bucket.TimeUntilFull(Now.AddMinutes(10))));

        bucket.Return(Now.AddMinutes(10));
        Assert.Equal(10, Minutes(bucket.TimeUntilFull(Now.AddMinutes(10))));

        // Returning to a full bucket keeps it at capacity: a fourth take still has to wait.
        bucket.Return(Now.AddMinutes(20));
        bucket.Return(Now.AddMinutes(20));
        Assert.Equal(TimeSpan.Zero, bucket.TimeUntilFull(Now.AddMinutes(20)));
        for (var i = 0; i < 3; i++)
        {
            bucket.Take(Now.AddMinutes(20));
        }

        Assert.Equal(20, Minutes(bucket.WaitFor(Now.AddMinutes(20))));
    }

    // Minutes to three decimals: the buckets count in floating point.
    private static double Minutes(TimeSpan span) => Math.Round(span.TotalMinutes, 3);

    [Fact]
    public void RateLimiter_WhenOneKindIsExhausted_TakesNothing()
    {
        var limiter = Limiter();
        Assert.Null(limiter.TryTake(RateCost.Message | RateCost.Request, Now));

        // One message token is left, but the request bucket is empty: the whole call is refused...
        Assert.NotNull(limiter.TryTake(RateCost.Message | RateCost.Request, Now));

        // ...and took nothing, so the message token is still there for a plain message.
        Assert.Null(limiter.TryTake(RateCost.Message, Now));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryTake(RateCost.Message, Now));
    }

    [Fact]
    public void RateLimiter_ReturnsTheLongestWait()
    {
        var limiter = Limiter();
        Assert.Null(limiter.TryTake(RateCost.Message | RateCost.Request, Now));
        Assert.Null(limiter.TryTake(RateCost.Message, Now));

        // Messages wait a second; requests (one an hour) wait the hour.
        var wait = Assert.NotNull(limiter.TryTake(RateCost.Message | RateCost.Request, Now));

        Assert.InRange(wait, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryTake(RateCost.Message, Now));
    }

    [Fact]
    public void RateLimiter_KindsAreIndependent()
    {
        var limiter = Limiter();
        Assert.Null(limiter.TryTake(RateCost.Follow, Now));
        Assert.Null(limiter.TryTake(RateCost.Follow, Now));
        Assert.NotNull(limiter.TryTake(RateCost.Follow, Now));

        Assert.Null(limiter.TryTake(RateCost.Message, Now));
        Assert.Null(limiter.TryTake(RateCost.Report, Now));
        Assert.Null(limiter.TryTake(RateCost.NewConversation, Now));
        Assert.Null(limiter.TryTake(RateCost.None, Now));
        Assert.NotNull(limiter.TryTake(RateCost.Follow, Now));
    }

    [Fact]
    public void UserListPaging_OrdersNewestFirstThenByUserId()
    {
        var page = UserListPaging.Page([Listed("u_a", 1), Listed("u_c", 3), Listed("u_b", 3), Listed("u_d", 2)], total: 4, new UserListQuery(null, 10));
        var full = UserListPaging.Page([Listed("u_a", 1), Listed("u_b", 2)], total: 2, new UserListQuery(null, 2));

        Assert.Equal(SocialStatus.Ok, page.Status);
        Assert.Equal(new[] { "u_b", "u_c", "u_d", "u_a" }, Ids(page));
        Assert.Null(page.NextCursor);
        Assert.Equal(4L, page.Total);
        Assert.Equal(new[] { "u_b", "u_a" }, Ids(full));
        Assert.Null(full.NextCursor);
    }

    [Fact]
    public void UserListPaging_Cursor_ContinuesWithoutSkippingOrRepeatingWhenTheListChanges()
    {
        List<UserListEntry> entries = [Listed("u_a", 1), Listed("u_b", 3), Listed("u_c", 3), Listed("u_d", 2), Listed("u_e", 0)];
        var first = UserListPaging.Page(entries, entries.Count, new UserListQuery(null, 2));
        Assert.Equal(new[] { "u_b", "u_c" }, Ids(first));
        Assert.NotNull(first.NextCursor);

        // Between pages the last entry shown and one not yet shown leave; a newer entry and one tied with the cursor arrive.
        entries.RemoveAll(e => e.UserId is "u_c" or "u_d");
        entries.Add(Listed("u_new", 9));
        entries.Add(Listed("u_cc", 3));
        var second = UserListPaging.Page(entries, entries.Count, new UserListQuery(first.NextCursor, 2));
        var third = UserListPaging.Page(entries, entries.Count, new UserListQuery(second.NextCursor, 2));

        Assert.Equal(new[] { "u_cc", "u_a" }, Ids(second));
        Assert.Equal(new[] { "u_e" }, Ids(third));
        Assert.Null(third.NextCursor);
    }

    [Theory]
    [InlineData("no separators")]
    [InlineData("|100")]
    [InlineData("|abc|u_a")]
    [InlineData("|-5|u_a")]
    [InlineData("|1e5|u_a")]
    [InlineData("3|100|u_a")]
    [InlineData("x|100|u_a")]
    public void UserListPaging_MalformedCursor_IsInvalidQuery(string decoded) =>
        AssertRefused(UserListPaging.Page([Listed("u_a", 1)], 1, new UserListQuery(Convert.ToBase64String(Encoding.UTF8.GetBytes(decoded)), 10)));

    [Theory]
    [InlineData("not base64!")]
    [InlineData("")]
    public void UserListPaging_CursorThatIsNotBase64_IsInvalidQuery(string cursor) =>
        AssertRefused(UserListPaging.Page([Listed("u_a", 1)], 1, new UserListQuery(cursor, 10)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void UserListPaging_LimitOutOfRange_IsInvalidQuery(int limit) =>
        AssertRefused(UserListPaging.Page([Listed("u_a", 1)], 1, new UserListQuery(null, limit)));

    [Fact]
    public void RateLimiter_UploadsRefillHourlyAndExportsDaily_AndTimeUntilFullCoversEveryBucket()
    {
        var limiter = new RateLimiter(new RateLimitOptions { UploadsPerHour = 2, ExportsPerDay = 1 });
        Assert.Equal(TimeSpan.Zero, limiter.TimeUntilFull(Now));

        Assert.Null(limiter.TryTake(RateCost.Upload, Now));
        Assert.Null(limiter.TryTake(RateCost.Upload, Now));
        Assert.Equal(30, Minutes(limiter.TryTake(RateCost.Upload, Now)!.Value));
        Assert.Equal(60, Minutes(limiter.TimeUntilFull(Now)));

        Assert.Null(limiter.TryTake(RateCost.Export, Now));
        Assert.Equal(24 * 60, Minutes(limiter.TryTake(RateCost.Export, Now)!.Value));
        Assert.Equal(24 * 60, Minutes(limiter.TimeUntilFull(Now)));
        Assert.Equal(TimeSpan.Zero, limiter.TimeUntilFull(Now.AddDays(1)));
    }

    private static RateLimiter Limiter() =>
        new(new RateLimitOptions { MessagesPerSecond = 1, MessageBurst = 2, RequestsPerHour = 1, FollowsPerHour = 2 });

    private static UserListEntry Listed(string userId, int minute) => new(userId, "h" + userId, Now.AddMinutes(minute));

    private static string[] Ids(UserListPage page) => [.. page.Entries.Select(e => e.UserId)];

    private static void AssertRefused(UserListPage page)
    {
        Assert.Equal(SocialStatus.InvalidQuery, page.Status);
        Assert.Empty(page.Entries);
        Assert.Null(page.NextCursor);
        Assert.Equal(0L, page.Total);
    }
}
