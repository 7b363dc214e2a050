using Orleans.TestingHost;
using OrleansDirect.Conversations;
using OrleansDirect.Exports;
using OrleansDirect.Inbox;
using OrleansDirect.Media;
using OrleansDirect.Reports;
using OrleansDirect.Social;

namespace OrleansDirect.Tests;

/// <summary>A cluster with real-world rules at test scale (<see cref="TestSettings.Strict"/>): tiny token buckets, accounts new for a day.</summary>
public sealed class StrictClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Cluster = await TestClusters.StartAsync(silos: 1, TestSettings.Strict);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>Anti-spam limits and the new-account rule, enforced by the grains.</summary>
[Trait("Category", "Cluster")]
public sealed class StrictRulesGrainTests(StrictClusterFixture fixture) : IClassFixture<StrictClusterFixture>
{
    private IClusterClient Client => fixture.Cluster.Client;

    private async Task<string> NewUserAsync() => (await Users.CreateAsync(Client)).UserId;

    private IConversationGrain Conversation(string a, string b) => Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b));

    private static MessageDraft Draft(string? id = null) => new(id ?? Guid.NewGuid().ToString("N"), "hello");

    [Fact]
    public async Task Uploads_BeyondTheLimit_AreRefusedBeforeAnythingIsStored()
    {
        // 2 uploads per hour in the strict settings.
        var me = await NewUserAsync();
        List<MediaStatus> statuses = [];
        for (var i = 0; i < 2; i++)
        {
            var medium = Client.GetGrain<IMediaGrain>(MediaIds.New());
            statuses.Add((await medium.AppendAsync(me, SampleMedia.OggOpus())).Status);
            statuses.Add((await medium.CompleteAsync(me)).Status);
        }

        var third = Client.GetGrain<IMediaGrain>(MediaIds.New());
        var refused = await third.AppendAsync(me, SampleMedia.OggOpus());

        Assert.All(statuses, s => Assert.Equal(MediaStatus.Ok, s));
        Assert.Equal(MediaStatus.RateLimited, refused.Status);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(30));
        Assert.Equal(MediaStatus.NotFound, (await third.CompleteAsync(me)).Status);
        Assert.False(File.Exists(Path.Combine(TestSettings.MediaDirectory, third.GetPrimaryKeyString() + ".upload")));
    }

    [Fact]
    public async Task Uploads_OfAnUnsupportedFormat_TakeNoToken()
    {
        // 2 uploads per hour in the strict settings: three refused formats first leave both tokens.
        var me = await NewUserAsync();
        List<MediaStatus> statuses = [];
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await Client.GetGrain<IMediaGrain>(MediaIds.New()).AppendAsync(me, "not a medium"u8.ToArray())).Status);
        }

        for (var i = 0; i < 2; i++)
        {
            statuses.Add((await Client.GetGrain<IMediaGrain>(MediaIds.New()).AppendAsync(me, SampleMedia.OggOpus())).Status);
        }

        Assert.Equal([MediaStatus.UnsupportedType, MediaStatus.UnsupportedType, MediaStatus.UnsupportedType, MediaStatus.Ok, MediaStatus.Ok], statuses);
    }

    [Fact]
    public async Task DataDownloads_BeyondTheLimit_AreRefused_AndTheFirstStaysTheOwners()
    {
        // 1 export per day in the strict settings; starting the same export again costs nothing.
        var me = await NewUserAsync();
        var first = Client.GetGrain<IExportGrain>(ExportIds.New());
        var started = await first.StartAsync(me);
        var again = await first.StartAsync(me);
        var second = Client.GetGrain<IExportGrain>(ExportIds.New());
        var refused = await second.StartAsync(me);

        Assert.NotNull(started.View);
        Assert.Equal(started.View.ExportId, again.View?.ExportId);
        Assert.Null(refused.View);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1));
        Assert.Null(await second.GetAsync(me));
    }

    [Fact]
    public async Task Messages_BeyondTheBurstAreRefusedWithRetryAfter_ButRetriesAreFree()
    {
        var (me, friend) = (await NewUserAsync(), await NewUserAsync());
        await Client.GetGrain<ISocialGrain>(friend).UpdateSettingsAsync(friend, new SettingsUpdate(NewAccountsNeedApproval: false));
        await Users.FollowAsync(Client, friend, me);
        var conversation = Conversation(me, friend);
        await conversation.StartDirectAsync(me, friend);
        var first = Draft();
        Assert.Equal(ConversationStatus.Ok, (await conversation.PostAsync(me, first)).Status);
        Assert.Equal(ConversationStatus.Ok, (await conversation.PostAsync(me, Draft())).Status);
        Assert.Equal(ConversationStatus.Ok, (await conversation.PostAsync(me, Draft())).Status);

        var limited = await conversation.PostAsync(me, Draft());
        var retry = await conversation.PostAsync(me, first);

        Assert.Equal(ConversationStatus.RateLimited, limited.Status);
        Assert.True(limited.RetryAfter > TimeSpan.Zero, "a rate-limited send says when to retry");
        Assert.Equal((ConversationStatus.Ok, true), (retry.Status, retry.Duplicate));
        Assert.Equal(ConversationStatus.Ok, (await conversation.PostAsync(friend, Draft())).Status); // buckets are per user
    }

    [Fact]
    public async Task GroupAdds_DrawOnTheRequestBucket()
    {
        var me = await NewUserAsync();
        var (a, b) = (await NewUserAsync(), await NewUserAsync());
        var group = Client.GetGrain<IConversationGrain>(ConversationIds.NewGroup());
        Assert.Equal(ConversationStatus.Ok, (await group.CreateGroupAsync(me, "g", [])).Status);

        Assert.Equal(ConversationStatus.Ok, (await group.AddMembersAsync(me, [a])).Status);
        var limited = await group.AddMembersAsync(me, [b]);

        Assert.Equal(ConversationStatus.RateLimited, limited.Status);
        Assert.True(limited.RetryAfter > TimeSpan.Zero, "rate-limited adds say when to retry");
    }

    [Fact]
    public async Task Typing_BeyondItsBurstIsRefused()
    {
        var (me, friend) = (await NewUserAsync(), await NewUserAsync());
        await Client.GetGrain<ISocialGrain>(friend).UpdateSettingsAsync(friend, new SettingsUpdate(NewAccountsNeedApproval: false));
        await Users.FollowAsync(Client, friend, me);
        var conversation = Conversation(me, friend);
        await conversation.StartDirectAsync(me, friend);

        Assert.Equal(ConversationStatus.Ok, await conversation.SetTypingAsync(me, true));
        Assert.Equal(ConversationStatus.Ok, await conversation.SetTypingAsync(me, false));
        Assert.Equal(ConversationStatus.RateLimited, await conversation.SetTypingAsync(me, true));
    }

    [Fact]
    public async Task NewConversationsAndRequests_HaveTheirOwnHourlyBuckets()
    {
        var me = await NewUserAsync();
        var (a, b, c) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());

        Assert.Equal(ConversationStatus.Ok, (await Conversation(me, a).StartDirectAsync(me, a)).Status);
        Assert.Equal(ConversationStatus.Ok, (await Conversation(me, b).StartDirectAsync(me, b)).Status);
        var third = await Conversation(me, c).StartDirectAsync(me, c);
        Assert.Equal(ConversationStatus.RateLimited, third.Status);
        Assert.True(third.RetryAfter > TimeSpan.FromMinutes(1), "an hourly bucket refills slowly");

        Assert.Equal(ConversationStatus.Ok, (await Conversation(me, a).PostAsync(me, Draft())).Status);
        Assert.Equal(ConversationStatus.RateLimited, (await Conversation(me, b).PostAsync(me, Draft())).Status);
    }

    [Fact]
    public async Task FollowsAndReports_AreLimited()
    {
        var me = await NewUserAsync();
        var others = new[] { await NewUserAsync(), await NewUserAsync(), await NewUserAsync() };
        var social = Client.GetGrain<ISocialGrain>(me);

        Assert.Equal(SocialStatus.Ok, (await social.FollowAsync(me, others[0])).Status);
        Assert.Equal(SocialStatus.Ok, (await social.FollowAsync(me, others[1])).Status);
        Assert.Equal(SocialStatus.RateLimited, (await social.FollowAsync(me, others[2])).Status);

        var reports = Client.GetGrain<IReportsGrain>(0);
        Assert.Equal(ReportStatus.Ok, (await reports.FileAsync(me, new ReportDraft(ReportTarget.Account, null, null, others[0], ReportReason.Spam, null, [], false))).Status);
        Assert.Equal(ReportStatus.RateLimited, (await reports.FileAsync(me, new ReportDraft(ReportTarget.Account, null, null, others[1], ReportReason.Spam, null, [], false))).Status);
    }

    [Fact]
    public async Task NewAccounts_AlwaysLandInRequests_UnlessTheRecipientTurnedTheRuleOff()
    {
        var (newcomer, careful, relaxed) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, careful, newcomer);
        await Users.FollowAsync(Client, relaxed, newcomer);
        await Client.GetGrain<ISocialGrain>(relaxed).UpdateSettingsAsync(relaxed, new SettingsUpdate(NewAccountsNeedApproval: false));

        Assert.Equal(InboxFolder.Requests, await FirstContactFolderAsync(newcomer, careful));
        Assert.Equal(InboxFolder.Inbox, await FirstContactFolderAsync(newcomer, relaxed));
    }

    [Fact]
    public async Task TheShippedHiddenWordsList_AppliesWhenNoneIsConfigured()
    {
        var (me, stranger) = (await NewUserAsync(), await NewUserAsync());
        await Conversation(stranger, me).StartDirectAsync(stranger, me);
        await Conversation(stranger, me).PostAsync(stranger, new MessageDraft("c1", "hey, send nudes"));

        Assert.Equal(InboxFolder.HiddenRequests, (await Conversation(stranger, me).GetViewAsync(me)).Conversation!.Folder);
    }

    private async Task<InboxFolder> FirstContactFolderAsync(string sender, string recipient)
    {
        await Conversation(sender, recipient).StartDirectAsync(sender, recipient);
        Assert.Equal(ConversationStatus.Ok, (await Conversation(sender, recipient).PostAsync(sender, Draft())).Status);
        return (await Conversation(sender, recipient).GetViewAsync(recipient)).Conversation!.Folder;
    }
}
