using OrleansDirect.Conversations;
using OrleansDirect.Inbox;
using OrleansDirect.Reports;
using OrleansDirect.Social;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

/// <summary>The privacy rules as the grains enforce them (docs/privacy.md), each with its positive and negative case.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class PrivacyGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private ISocialGrain Social(string userId) => Client.GetGrain<ISocialGrain>(userId);

    private IConversationGrain Conversation(string a, string b) => Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b));

    private Task<string> NewUserAsync() => Users.CreateAsync(Client).ContinueWith(t => t.Result.UserId, TaskScheduler.Default);

    private static MessageDraft Draft(string text = "hello", LinkPreview? preview = null) => new(Guid.NewGuid().ToString("N"), text, preview);

    private async Task SetAsync(string userId, SettingsUpdate update) =>
        Assert.Equal(SocialStatus.Ok, (await Social(userId).UpdateSettingsAsync(userId, update)).Status);

    private async Task<List<string>> FolderAsync(string userId, InboxFolder folder) =>
        [.. (await Client.GetGrain<IInboxGrain>(userId).GetPageAsync(userId, new InboxQuery(null, 100, InboxOrder.RecentActivity, folder))).Entries.Select(e => e.ConversationId)];

    private async Task<InboxEntry> EntryAsync(string userId, string conversationId) =>
        (await Client.GetGrain<IInboxGrain>(userId).GetPageAsync(userId, new InboxQuery(null, 100, InboxOrder.ConversationId))).Entries.Single(e => e.ConversationId == conversationId);

    // ---- Follow graph ----

    [Fact]
    public async Task Follow_ListsBothSides_AndFollowersPageAcrossSegmentsWithoutRepeats()
    {
        var star = await NewUserAsync();
        List<string> fans = [];
        for (var i = 0; i < 25; i++)
        {
            var fan = await NewUserAsync();
            await Users.FollowAsync(Client, fan, star);
            fans.Add(fan);
        }

        await Users.FollowAsync(Client, fans[0], star); // following again changes nothing
        List<string> seen = [];
        string? cursor = null;
        long total = 0;
        do
        {
            var page = await Social(star).GetFollowersAsync(star, new UserListQuery(cursor, 7));
            Assert.Equal(SocialStatus.Ok, page.Status);
            seen.AddRange(page.Entries.Select(e => e.UserId));
            (cursor, total) = (page.NextCursor, page.Total);
        }
        while (cursor is not null);

        Assert.Equal(25, total);
        Assert.Equal(fans.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        var following = await Social(fans[3]).GetFollowingAsync(fans[3], new UserListQuery(null, 10));
        Assert.Equal(star, following.Entries.Single().UserId);

        Assert.Equal(SocialStatus.Ok, (await Social(fans[3]).UnfollowAsync(fans[3], star)).Status);
        Assert.Empty((await Social(fans[3]).GetFollowingAsync(fans[3], new UserListQuery(null, 10))).Entries);
        var after = await Social(star).GetFollowersAsync(star, new UserListQuery(null, 100));
        Assert.Equal(24, after.Total);
        Assert.DoesNotContain(fans[3], after.Entries.Select(e => e.UserId));
    }

    [Fact]
    public async Task Follow_RefusesSelfGhostsAndOtherCallers()
    {
        var (a, b) = (await NewUserAsync(), await NewUserAsync());

        Assert.Equal(SocialStatus.CannotTargetSelf, (await Social(a).FollowAsync(a, a)).Status);
        Assert.Equal(SocialStatus.UserNotFound, (await Social(a).FollowAsync(a, "u_ghost")).Status);
        Assert.Equal(SocialStatus.Forbidden, (await Social(a).FollowAsync(b, a)).Status);
        Assert.Equal(SocialStatus.Forbidden, (await Social(a).GetFollowersAsync(b, new UserListQuery(null, 10))).Status);
        Assert.Equal(SocialStatus.Forbidden, (await Social(a).GetSettingsAsync(b)).Status);
        Assert.Equal(SocialStatus.InvalidQuery, (await Social(a).GetFollowersAsync(a, new UserListQuery("bogus", 10))).Status);
    }

    // ---- Who can message me ----

    [Fact]
    public async Task Everyone_StrangersLandInRequests_AccountsIFollowInMyInbox()
    {
        var (me, stranger, friend) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, me, friend);

        var fromStranger = await Conversation(stranger, me).StartDirectAsync(stranger, me);
        await Conversation(stranger, me).PostAsync(stranger, Draft());
        await Conversation(friend, me).StartDirectAsync(friend, me);
        await Conversation(friend, me).PostAsync(friend, Draft());

        Assert.Equal(ConversationStatus.Ok, fromStranger.Status);
        Assert.Equal([ConversationIds.Direct(stranger, me)], await FolderAsync(me, InboxFolder.Requests));
        Assert.Equal([ConversationIds.Direct(friend, me)], await FolderAsync(me, InboxFolder.Inbox));
    }

    [Fact]
    public async Task Followers_OnlyAccountsThatFollowMeMaySendRequests()
    {
        var (me, stranger, follower) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await SetAsync(me, new SettingsUpdate(WhoCanMessage: WhoCanMessage.Followers));
        await Users.FollowAsync(Client, follower, me);

        Assert.Equal(ConversationStatus.CannotMessage, (await Conversation(stranger, me).StartDirectAsync(stranger, me)).Status);
        Assert.Equal(ConversationStatus.Ok, (await Conversation(follower, me).StartDirectAsync(follower, me)).Status);
        await Conversation(follower, me).PostAsync(follower, Draft());
        Assert.Equal([ConversationIds.Direct(follower, me)], await FolderAsync(me, InboxFolder.Requests));
    }

    [Fact]
    public async Task Mutuals_OnlyMutualFollowsMayMessageMe()
    {
        var (me, follower, followed, mutual) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await SetAsync(me, new SettingsUpdate(WhoCanMessage: WhoCanMessage.Mutuals));
        await Users.FollowAsync(Client, follower, me);
        await Users.FollowAsync(Client, me, followed);
        await Users.FollowAsync(Client, me, mutual);
        await Users.FollowAsync(Client, mutual, me);

        Assert.Equal(ConversationStatus.CannotMessage, (await Conversation(follower, me).StartDirectAsync(follower, me)).Status);
        Assert.Equal(ConversationStatus.CannotMessage, (await Conversation(followed, me).StartDirectAsync(followed, me)).Status);
        Assert.Equal(ConversationStatus.Ok, (await Conversation(mutual, me).StartDirectAsync(mutual, me)).Status);
        await Conversation(mutual, me).PostAsync(mutual, Draft());
        Assert.Equal([ConversationIds.Direct(mutual, me)], await FolderAsync(me, InboxFolder.Inbox));
    }

    [Fact]
    public async Task Off_OnlyAccountsIFollowAndAcceptedConversationsReachMe()
    {
        var (me, follower, followed, earlier) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, follower, me);
        await Users.FollowAsync(Client, me, followed);
        await Conversation(earlier, me).StartDirectAsync(earlier, me);
        await Conversation(earlier, me).PostAsync(earlier, Draft());
        Assert.Equal(ConversationStatus.Ok, await Conversation(earlier, me).AcceptRequestAsync(me));

        await SetAsync(me, new SettingsUpdate(WhoCanMessage: WhoCanMessage.Off));

        Assert.Equal(ConversationStatus.CannotMessage, (await Conversation(follower, me).StartDirectAsync(follower, me)).Status);
        Assert.Equal(ConversationStatus.Ok, (await Conversation(followed, me).StartDirectAsync(followed, me)).Status);
        Assert.Equal(ConversationStatus.Ok, (await Conversation(earlier, me).PostAsync(earlier, Draft("still here"))).Status);
    }

    // ---- Message requests ----

    [Fact]
    public async Task Request_CarriesOneMessage_UntilAccepted()
    {
        var (me, stranger) = (await NewUserAsync(), await NewUserAsync());
        var conversation = Conversation(stranger, me);
        await conversation.StartDirectAsync(stranger, me);

        var first = await conversation.PostAsync(stranger, Draft("hi, may I?"));
        var second = await conversation.PostAsync(stranger, Draft("hello??"));

        Assert.Equal(ConversationStatus.Ok, first.Status);
        Assert.Equal(ConversationStatus.RequestPending, second.Status);
        var history = await conversation.GetHistoryAsync(me, new HistoryQuery(null, null, 10));
        Assert.True(history.Messages.Single().SentAsRequest);
        Assert.Equal(InboxFolder.Requests, (await conversation.GetViewAsync(me)).Conversation!.Folder);

        Assert.Equal(ConversationStatus.Ok, await conversation.AcceptRequestAsync(me));

        Assert.Equal(ConversationStatus.Ok, (await conversation.PostAsync(stranger, Draft("thanks"))).Status);
        Assert.Equal([ConversationIds.Direct(stranger, me)], await FolderAsync(me, InboxFolder.Inbox));
        Assert.Empty(await FolderAsync(me, InboxFolder.Requests));
        Assert.False((await conversation.GetHistoryAsync(me, new HistoryQuery(null, null, 10))).Messages[^1].SentAsRequest);
    }

    [Fact]
    public async Task Request_WithoutAMessage_IsInvisibleToTheRecipient()
    {
        var (me, stranger) = (await NewUserAsync(), await NewUserAsync());
        await using var mine = await EventRecorder.StartAsync(Client, me);
        await Conversation(stranger, me).StartDirectAsync(stranger, me);

        Assert.Equal(ConversationStatus.NotFound, (await Conversation(stranger, me).GetHistoryAsync(me, new HistoryQuery(null, null, 10))).Status);
        Assert.Empty(await FolderAsync(me, InboxFolder.Requests));

        await Conversation(stranger, me).PostAsync(stranger, Draft());
        var (started, before) = await mine.WaitForAsync<ConversationStarted>("the request, announced with its message");
        Assert.Empty(before);
        Assert.Equal(InboxFolder.Requests, started.Conversation.Folder);
        Assert.Equal(InboxFolder.Requests, (await mine.WaitForAsync<MessagePosted>("the request's message")).Match.Folder);
    }

    [Fact]
    public async Task Request_Declined_LeavesMyLists_SenderIsNotTold_AndItStaysDeclined()
    {
        var (me, stranger) = (await NewUserAsync(), await NewUserAsync());
        var conversation = Conversation(stranger, me);
        await conversation.StartDirectAsync(stranger, me);
        await conversation.PostAsync(stranger, Draft());
        await using var theirs = await EventRecorder.StartAsync(Client, stranger);
        var beforeDecline = await conversation.PostAsync(stranger, Draft());

        Assert.Equal(ConversationStatus.Ok, await conversation.DeclineRequestAsync(me));

        Assert.Empty(await FolderAsync(me, InboxFolder.Requests));
        Assert.Equal(ConversationStatus.NotFound, (await conversation.GetHistoryAsync(me, new HistoryQuery(null, null, 10))).Status);
        var afterDecline = await conversation.PostAsync(stranger, Draft());
        Assert.Equal(beforeDecline.Status, afterDecline.Status); // request_pending either way: nothing disclosed
        await Users.FollowAsync(Client, stranger, me); // following later does not revive it
        Assert.Equal(ConversationStatus.RequestPending, (await conversation.PostAsync(stranger, Draft())).Status);

        Assert.DoesNotContain(await theirs.UntilSentinelAsync("the stranger's events after the decline"),
            e => e is ConversationRemoved or ConversationUpdated or ReadMarkerChanged);
    }

    [Fact]
    public async Task Request_OpeningOrReplyingYourselfAcceptsIt()
    {
        var (me, stranger, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Conversation(stranger, me).StartDirectAsync(stranger, me);
        await Conversation(stranger, me).PostAsync(stranger, Draft());
        await Conversation(other, me).StartDirectAsync(other, me);
        await Conversation(other, me).PostAsync(other, Draft());
        await Conversation(other, me).DeclineRequestAsync(me);

        Assert.Equal(ConversationStatus.Ok, (await Conversation(stranger, me).PostAsync(me, Draft("hi back"))).Status);
        Assert.Equal(InboxFolder.Inbox, (await Conversation(me, other).StartDirectAsync(me, other)).Conversation!.Folder);

        Assert.Equal(ConversationStatus.Ok, (await Conversation(stranger, me).PostAsync(stranger, Draft())).Status);
        Assert.Equal(ConversationStatus.Ok, (await Conversation(other, me).PostAsync(other, Draft())).Status);
        Assert.Equal(2, (await FolderAsync(me, InboxFolder.Inbox)).Count);
        Assert.Equal(ConversationStatus.NoRequest, await Conversation(other, me).DeclineRequestAsync(me));
    }

    // ---- Block ----

    [Fact]
    public async Task Block_StopsBothWays_WithoutDisclosingIt_AndEndsFollows()
    {
        var (me, pest, closed) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, me, pest);
        await Users.FollowAsync(Client, pest, me);
        await Conversation(me, pest).StartDirectAsync(me, pest);
        await SetAsync(closed, new SettingsUpdate(WhoCanMessage: WhoCanMessage.Off));

        Assert.Equal(SocialStatus.Ok, (await Social(me).BlockAsync(me, pest)).Status);

        var refused = await Conversation(me, pest).PostAsync(pest, Draft());
        var refusedByClosedAccount = await Conversation(pest, closed).StartDirectAsync(pest, closed);
        Assert.Equal(ConversationStatus.CannotMessage, refused.Status);
        Assert.Equal(refusedByClosedAccount.Status, refused.Status);
        Assert.Equal(ConversationStatus.BlockedByYou, (await Conversation(me, pest).PostAsync(me, Draft())).Status);
        Assert.Empty((await Social(me).GetFollowingAsync(me, new UserListQuery(null, 10))).Entries);
        Assert.Empty((await Social(pest).GetFollowingAsync(pest, new UserListQuery(null, 10))).Entries);
        Assert.Equal(SocialStatus.UserNotFound, (await Social(pest).FollowAsync(pest, me)).Status);
        Assert.Equal(pest, (await Social(me).GetBlockedAsync(me, new UserListQuery(null, 10))).Entries.Single().UserId);
    }

    [Fact]
    public async Task Block_ANewConversationIsRefusedTheSameWayAsBySettings()
    {
        var (me, pest) = (await NewUserAsync(), await NewUserAsync());
        await Social(me).BlockAsync(me, pest);

        Assert.Equal(ConversationStatus.CannotMessage, (await Conversation(pest, me).StartDirectAsync(pest, me)).Status);
        Assert.Equal(ConversationStatus.BlockedByYou, (await Conversation(me, pest).StartDirectAsync(me, pest)).Status);
    }

    [Fact]
    public async Task Unblock_RestoresAcceptedConversations_ButNotDeclinedRequests()
    {
        var (me, friend, stranger) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, me, friend);
        await Conversation(friend, me).StartDirectAsync(friend, me);
        await Conversation(stranger, me).StartDirectAsync(stranger, me);
        await Conversation(stranger, me).PostAsync(stranger, Draft());

        await Social(me).BlockAsync(me, friend);
        await Social(me).BlockAsync(me, stranger); // blocking from a request declines it
        Assert.Empty(await FolderAsync(me, InboxFolder.Requests));
        await Social(me).UnblockAsync(me, friend);
        await Social(me).UnblockAsync(me, stranger);

        Assert.Equal(ConversationStatus.Ok, (await Conversation(friend, me).PostAsync(friend, Draft())).Status);
        Assert.Equal(ConversationStatus.RequestPending, (await Conversation(stranger, me).PostAsync(stranger, Draft())).Status);
        Assert.Empty((await Social(me).GetBlockedAsync(me, new UserListQuery(null, 10))).Entries);
    }

    [Fact]
    public async Task Block_ListIsPagedAndCapped()
    {
        var me = await NewUserAsync();
        List<string> blocked = [];
        for (var i = 0; i < 3; i++)
        {
            blocked.Add(await NewUserAsync());
            Assert.Equal(SocialStatus.Ok, (await Social(me).BlockAsync(me, blocked[^1])).Status);
        }

        var first = await Social(me).GetBlockedAsync(me, new UserListQuery(null, 2));
        var second = await Social(me).GetBlockedAsync(me, new UserListQuery(first.NextCursor, 2));

        Assert.Equal(blocked.Order(StringComparer.Ordinal), first.Entries.Concat(second.Entries).Select(e => e.UserId).Order(StringComparer.Ordinal));
        Assert.Null(second.NextCursor);
        Assert.Equal(SocialStatus.LimitReached, (await Social(me).BlockAsync(me, await NewUserAsync())).Status);
        Assert.Equal(SocialStatus.Ok, (await Social(me).BlockAsync(me, blocked[0])).Status); // again: no-op
    }

    // ---- Restrict and mute ----

    [Fact]
    public async Task Restrict_MovesTheirMessagesQuietlyToRequests_AndHidesMyReceipts()
    {
        var (me, them) = (await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, me, them);
        var conversation = Conversation(them, me);
        await conversation.StartDirectAsync(them, me);
        await using var mine = await EventRecorder.StartAsync(Client, me);
        await using var theirs = await EventRecorder.StartAsync(Client, them);

        Assert.Equal(SocialStatus.Ok, (await Social(me).RestrictAsync(me, them)).Status);
        Assert.Equal(InboxFolder.Requests, (await mine.WaitForAsync<ConversationUpdated>("my view moved to requests")).Match.Conversation.Folder);
        var sent = await conversation.PostAsync(them, Draft());
        Assert.Equal(ConversationStatus.Ok, sent.Status);
        Assert.Equal(InboxFolder.Requests, (await mine.WaitForAsync<MessagePosted>("their message, quietly")).Match.Folder);
        Assert.Equal([conversation.GetPrimaryKeyString()], await FolderAsync(me, InboxFolder.Requests));

        await conversation.MarkReadAsync(me, sent.Seq);
        await conversation.SetTypingAsync(me, true);
        Assert.DoesNotContain(await theirs.UntilSentinelAsync("the restricted user's events"), e => e is ReadMarkerChanged or TypingChanged);
        Assert.Empty((await conversation.GetHistoryAsync(them, new HistoryQuery(null, null, 10))).ReadMarkers!);

        await Social(me).UnrestrictAsync(me, them);
        Assert.Equal([conversation.GetPrimaryKeyString()], await FolderAsync(me, InboxFolder.Inbox));
    }

    [Fact]
    public async Task Restrict_OnARequestINeverSaw_DisclosesNothing_AndRestrictedChatsStayInRequests()
    {
        var (me, stranger, pest) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Conversation(stranger, me).StartDirectAsync(stranger, me); // no message: I was never told
        await Users.FollowAsync(Client, me, pest);
        await Conversation(pest, me).StartDirectAsync(pest, me);
        await using var mine = await EventRecorder.StartAsync(Client, me);

        await Social(me).RestrictAsync(me, stranger);
        var unseen = ConversationIds.Direct(stranger, me);
        Assert.DoesNotContain(await mine.UntilSentinelAsync("my events after restricting an unseen requester"),
            e => (e as ConversationUpdated)?.Conversation.ConversationId == unseen || (e as ConversationStarted)?.Conversation.ConversationId == unseen);

        await Social(me).RestrictAsync(me, pest);
        Assert.Equal(ConversationStatus.Ok, await Conversation(pest, me).AcceptRequestAsync(me));
        Assert.Equal(ConversationStatus.NoRequest, await Conversation(pest, me).DeclineRequestAsync(me));
        Assert.Equal(InboxFolder.Requests, (await Conversation(pest, me).GetViewAsync(me)).Conversation!.Folder);
    }

    [Fact]
    public async Task Mute_FlagsEventsAndTheInboxEntry()
    {
        var (me, friend) = (await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, me, friend);
        var conversation = Conversation(friend, me);
        await conversation.StartDirectAsync(friend, me);
        await using var mine = await EventRecorder.StartAsync(Client, me);

        Assert.Equal(ConversationStatus.Ok, await conversation.SetMutedAsync(me, true));
        await conversation.PostAsync(friend, Draft());

        Assert.True((await mine.WaitForAsync<MessagePosted>("a message while muted")).Match.Muted);
        Assert.True((await EntryAsync(me, conversation.GetPrimaryKeyString())).Muted);
        await conversation.SetMutedAsync(me, false);
        await conversation.PostAsync(friend, Draft());
        Assert.False((await mine.WaitForAsync<MessagePosted>("a message after unmuting")).Match.Muted);
        Assert.Equal(ConversationStatus.NotFound, await conversation.SetMutedAsync("u_outsider", true));
    }

    // ---- Read receipts and typing ----

    [Theory]
    [InlineData(ReceiptMode.On, ReceiptMode.On, true, true)]
    [InlineData(ReceiptMode.Private, ReceiptMode.On, false, true)]
    [InlineData(ReceiptMode.Off, ReceiptMode.On, false, false)]
    [InlineData(ReceiptMode.On, ReceiptMode.Off, false, true)]
    [InlineData(ReceiptMode.On, ReceiptMode.Private, true, true)]
    public async Task ReadReceipts_FollowBothSettings(ReceiptMode reader, ReceiptMode sender, bool senderSees, bool readerDevicesSee)
    {
        var (me, friend) = (await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, me, friend);
        await SetAsync(me, new SettingsUpdate(ReadReceipts: reader));
        await SetAsync(friend, new SettingsUpdate(ReadReceipts: sender));
        var conversation = Conversation(friend, me);
        await conversation.StartDirectAsync(friend, me);
        var sent = await conversation.PostAsync(friend, Draft());
        await using var mine = await EventRecorder.StartAsync(Client, me);
        await using var theirs = await EventRecorder.StartAsync(Client, friend);

        await conversation.MarkReadAsync(me, sent.Seq);
        await conversation.SetTypingAsync(me, true);

        var friendSaw = await theirs.UntilSentinelAsync("the sender's events");
        Assert.Equal(senderSees, friendSaw.OfType<ReadMarkerChanged>().Any(r => r.UserId == me && r.Seq == sent.Seq));
        Assert.Equal(senderSees, friendSaw.OfType<TypingChanged>().Any(t => t.UserId == me && t.Active));
        var iSaw = await mine.UntilSentinelAsync("the reader's events");
        Assert.Equal(readerDevicesSee, iSaw.OfType<ReadMarkerChanged>().Any(r => r.UserId == me));
        var markers = (await conversation.GetHistoryAsync(friend, new HistoryQuery(null, null, 10))).ReadMarkers!;
        Assert.Equal(senderSees, markers.Any(m => m.UserId == me && m.Seq == sent.Seq));
    }

    [Fact]
    public async Task Typing_IsNeverSentInRequests()
    {
        var (me, stranger) = (await NewUserAsync(), await NewUserAsync());
        var conversation = Conversation(stranger, me);
        await conversation.StartDirectAsync(stranger, me);
        await conversation.PostAsync(stranger, Draft());
        await using var theirs = await EventRecorder.StartAsync(Client, stranger);

        await conversation.SetTypingAsync(me, true);
        await conversation.MarkReadAsync(me, 1);

        Assert.DoesNotContain(await theirs.UntilSentinelAsync("the requester's events"), e => e is TypingChanged or ReadMarkerChanged);
    }

    // ---- Link previews ----

    [Fact]
    public async Task LinkPreviews_ReachOnlyRecipientsWhoWantThem_AndNeverRequests()
    {
        var (me, friend, wary, stranger) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, friend, me);
        await Users.FollowAsync(Client, wary, me);
        await SetAsync(wary, new SettingsUpdate(LinkPreviews: false));
        var preview = new LinkPreview("https://example.org/a", "An article", "About things");
        var text = "look https://example.org/a";

        foreach (var other in new[] { friend, wary, stranger })
        {
            await Conversation(me, other).StartDirectAsync(me, other);
            Assert.Equal(ConversationStatus.Ok, (await Conversation(me, other).PostAsync(me, Draft(text, preview))).Status);
        }

        async Task<ChatMessage> LatestAsync(string viewer, string other) =>
            (await Conversation(me, other).GetHistoryAsync(viewer, new HistoryQuery(null, null, 1))).Messages.Single();

        Assert.Equal(preview, (await LatestAsync(friend, friend)).LinkPreview);
        Assert.Null((await LatestAsync(wary, wary)).LinkPreview);
        Assert.Null((await LatestAsync(stranger, stranger)).LinkPreview);
        Assert.Equal(preview, (await LatestAsync(me, stranger)).LinkPreview); // the sender sees what they sent
        Assert.Equal(ConversationStatus.InvalidLinkPreview,
            (await Conversation(me, friend).PostAsync(me, Draft("no link here", preview))).Status);
    }

    // ---- Hidden words ----

    [Fact]
    public async Task HiddenWords_SendMatchingRequestsToHiddenRequestsMasked_UntilAccepted()
    {
        var (me, rude, polite, friend) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, me, friend);
        var words = await Social(me).UpdateHiddenWordsAsync(me, ["Spoiler Alert", "  scam "], []);
        Assert.Equal(["spoiler alert", "scam"], words.Words);
        await using var mine = await EventRecorder.StartAsync(Client, me);

        await Conversation(rude, me).StartDirectAsync(rude, me);
        await Conversation(rude, me).PostAsync(rude, Draft("SPOILER ALERT! he dies"));
        await Conversation(polite, me).StartDirectAsync(polite, me);
        await Conversation(polite, me).PostAsync(polite, Draft("a scamper in the park"));
        await Conversation(friend, me).StartDirectAsync(friend, me);
        await Conversation(friend, me).PostAsync(friend, Draft("this is no scam"));

        var masked = (await mine.WaitForAsync<MessagePosted>("the hidden request", p => p.Message.SenderId == rude)).Match;
        Assert.Equal(InboxFolder.HiddenRequests, masked.Folder);
        Assert.True(masked.Message.Masked);
        Assert.Equal("", masked.Message.Text);
        Assert.Equal([ConversationIds.Direct(rude, me)], await FolderAsync(me, InboxFolder.HiddenRequests));
        Assert.Equal([ConversationIds.Direct(polite, me)], await FolderAsync(me, InboxFolder.Requests));
        Assert.True((await EntryAsync(me, ConversationIds.Direct(rude, me))).Preview!.Masked);
        Assert.Equal("", (await Conversation(rude, me).GetHistoryAsync(me, new HistoryQuery(null, null, 5))).Messages.Single().Text);
        Assert.Equal("this is no scam", (await EntryAsync(me, ConversationIds.Direct(friend, me))).Preview!.Text);

        await Conversation(rude, me).AcceptRequestAsync(me);
        Assert.Equal("SPOILER ALERT! he dies", (await Conversation(rude, me).GetHistoryAsync(me, new HistoryQuery(null, null, 5))).Messages.Single().Text);
        Assert.Equal("SPOILER ALERT! he dies", (await EntryAsync(me, ConversationIds.Direct(rude, me))).Preview!.Text);
        Assert.Equal(SocialStatus.InvalidWord, (await Social(me).UpdateHiddenWordsAsync(me, ["   "], [])).Status);
        Assert.Equal(SocialStatus.Forbidden, (await Social(me).UpdateHiddenWordsAsync(rude, ["x"], [])).Status);
    }

    [Fact]
    public async Task HiddenWords_BuiltInListAppliesOnlyWhileTheSettingIsOn()
    {
        var (me, other, another) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Conversation(other, me).StartDirectAsync(other, me);
        await Conversation(other, me).PostAsync(other, Draft("a Builtin-Banned-Phrase here"));
        await SetAsync(me, new SettingsUpdate(DefaultHiddenWords: false));
        await Conversation(another, me).StartDirectAsync(another, me);
        await Conversation(another, me).PostAsync(another, Draft("a builtin-banned-phrase again"));

        Assert.Equal([ConversationIds.Direct(other, me)], await FolderAsync(me, InboxFolder.HiddenRequests));
        Assert.Equal([ConversationIds.Direct(another, me)], await FolderAsync(me, InboxFolder.Requests));
    }

    // ---- Reports ----

    [Fact]
    public async Task Report_CopiesChosenEvidence_TellsNobody_AndCanBlock()
    {
        var (me, pest) = (await NewUserAsync(), await NewUserAsync());
        var conversation = Conversation(pest, me);
        await conversation.StartDirectAsync(pest, me);
        await conversation.PostAsync(pest, Draft("buy followers at scam.example"));
        await conversation.AcceptRequestAsync(me);
        for (var i = 2; i <= 5; i++)
        {
            await conversation.PostAsync(pest, Draft($"message {i}"));
        }

        await using var theirs = await EventRecorder.StartAsync(Client, pest);
        var filed = await Client.GetGrain<IReportsGrain>(0).FileAsync(me,
            new ReportDraft(ReportTarget.Message, conversation.GetPrimaryKeyString(), 5, null, ReportReason.Spam, "keeps going", [1, 3], Block: true));

        Assert.Equal((ReportStatus.Ok, true), (filed.Status, filed.Blocked));
        var admin = Client.GetGrain<IReportAdminGrain>(0);
        var report = (await admin.GetAsync(TestSettings.OperatorKey, filed.ReportId!)).Report!;
        Assert.Equal((me, pest, ReportReason.Spam), (report.ReporterId, report.AccountId, report.Reason));
        Assert.Equal([1L, 3, 5], report.Evidence.Select(m => m.Seq));
        Assert.Equal("buy followers at scam.example", report.Evidence[0].Text);
        Assert.Equal(pest, (await Social(me).GetBlockedAsync(me, new UserListQuery(null, 10))).Entries.Single().UserId);

        // Only their own messages' events (published before we subscribed) may show up: nothing about the report.
        Assert.All(await theirs.UntilSentinelAsync("the reported account's events"), e => Assert.True(e is MessagePosted or ConversationStarted, e.ToString()));
    }

    [Fact]
    public async Task Report_RefusesWhatTheReporterCannotSee()
    {
        var (a, b, outsider) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, b, a);
        var conversation = Conversation(a, b);
        await conversation.StartDirectAsync(a, b);
        await conversation.PostAsync(a, Draft());
        var reports = Client.GetGrain<IReportsGrain>(0);
        var id = conversation.GetPrimaryKeyString();

        Assert.Equal(ReportStatus.NotFound, (await reports.FileAsync(outsider, new ReportDraft(ReportTarget.Conversation, id, null, null, ReportReason.Hate, null, [], false))).Status);
        Assert.Equal(ReportStatus.NotFound, (await reports.FileAsync(b, new ReportDraft(ReportTarget.Message, id, 9, null, ReportReason.Hate, null, [], false))).Status);
        Assert.Equal(ReportStatus.Invalid, (await reports.FileAsync(a, new ReportDraft(ReportTarget.Message, id, 1, null, ReportReason.Hate, null, [], false))).Status);
        Assert.Equal(ReportStatus.Invalid, (await reports.FileAsync(a, new ReportDraft(ReportTarget.Account, null, null, a, ReportReason.Other, null, [], false))).Status);
        Assert.Equal(ReportStatus.Invalid, (await reports.FileAsync(a, new ReportDraft(ReportTarget.Account, id, null, outsider, ReportReason.Other, null, [1], false))).Status);
        Assert.Equal(ReportStatus.UserNotFound, (await reports.FileAsync(a, new ReportDraft(ReportTarget.Account, null, null, "u_ghost", ReportReason.Other, null, [], false))).Status);
        await conversation.PostAsync(a, Draft("deleted by b"));
        await conversation.DeleteForMeAsync(b, 2);
        Assert.Equal(ReportStatus.NotFound, (await reports.FileAsync(b, new ReportDraft(ReportTarget.Conversation, id, null, null, ReportReason.Hate, null, [2], false))).Status);
        var conversationReport = await reports.FileAsync(b, new ReportDraft(ReportTarget.Conversation, id, null, null, ReportReason.Harassment, null, [1], false));
        Assert.Equal(ReportStatus.Ok, conversationReport.Status);
        var stored = (await Client.GetGrain<IReportAdminGrain>(0).GetAsync(TestSettings.OperatorKey, conversationReport.ReportId!)).Report!;
        Assert.Equal(a, stored.AccountId);
    }

    [Fact]
    public async Task Report_StillFiled_WhenTheBlockListIsFull()
    {
        var me = await NewUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await Social(me).BlockAsync(me, await NewUserAsync());
        }

        var pest = await NewUserAsync();
        var filed = await Client.GetGrain<IReportsGrain>(0).FileAsync(me, new ReportDraft(ReportTarget.Account, null, null, pest, ReportReason.Spam, null, [], Block: true));

        Assert.Equal((ReportStatus.Ok, false), (filed.Status, filed.Blocked));
    }

    [Fact]
    public async Task Reports_AreListedAndResolvedOnlyWithTheOperatorKey()
    {
        var (me, pest) = (await NewUserAsync(), await NewUserAsync());
        var reports = Client.GetGrain<IReportsGrain>(0);
        var first = await reports.FileAsync(me, new ReportDraft(ReportTarget.Account, null, null, pest, ReportReason.Impersonation, null, [], false));
        var second = await reports.FileAsync(me, new ReportDraft(ReportTarget.Account, null, null, pest, ReportReason.Scam, "second", [], false));
        var admin = Client.GetGrain<IReportAdminGrain>(0);

        Assert.Equal(ReportStatus.Forbidden, (await admin.ListAsync("wrong-key", new ReportListQuery(null, 10, false))).Status);
        Assert.Equal(ReportStatus.Forbidden, (await admin.GetAsync(TestSettings.OperatorKey + "x", first.ReportId!)).Status);
        Assert.Equal(ReportStatus.Forbidden, (await admin.ResolveAsync("", first.ReportId!, new ReportResolution(ReportOutcome.NoAction, null))).Status);

        var resolved = await admin.ResolveAsync(TestSettings.OperatorKey, first.ReportId!, new ReportResolution(ReportOutcome.ActionTaken, "suspended"));
        Assert.Equal((ReportStatus.Ok, ReportOutcome.ActionTaken), (resolved.Status, resolved.Report!.Outcome));
        Assert.Equal(ReportStatus.AlreadyResolved, (await admin.ResolveAsync(TestSettings.OperatorKey, first.ReportId!, new ReportResolution(ReportOutcome.NoAction, null))).Status);
        Assert.Equal(ReportStatus.NotFound, (await admin.GetAsync(TestSettings.OperatorKey, "rpt_00000000000000000000000000000000")).Status);

        var open = await ListAllAsync(admin, openOnly: true);
        var all = await ListAllAsync(admin, openOnly: false);
        Assert.Contains(second.ReportId, open);
        Assert.DoesNotContain(first.ReportId, open);
        Assert.True(all.IndexOf(second.ReportId!) < all.IndexOf(first.ReportId!), "newest first");
    }

    private static async Task<List<string>> ListAllAsync(IReportAdminGrain admin, bool openOnly)
    {
        List<string> ids = [];
        string? cursor = null;
        do
        {
            var page = await admin.ListAsync(TestSettings.OperatorKey, new ReportListQuery(cursor, 3, openOnly));
            Assert.Equal(ReportStatus.Ok, page.Status);
            ids.AddRange(page.Reports.Select(r => r.ReportId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return ids;
    }

    // ---- Settings ----

    [Fact]
    public async Task Settings_HaveDocumentedDefaults_AndChangeOnlyWhatIsGiven()
    {
        var me = await NewUserAsync();
        Assert.Equal(PrivacySettings.Default, (await Social(me).GetSettingsAsync(me)).Settings);

        var updated = await Social(me).UpdateSettingsAsync(me, new SettingsUpdate(LinkPreviews: false));

        Assert.Equal(PrivacySettings.Default with { LinkPreviews = false }, updated.Settings);
        Assert.Equal(SocialStatus.InvalidQuery, (await Social(me).UpdateSettingsAsync(me, new SettingsUpdate(WhoCanMessage: (WhoCanMessage)42))).Status);
        Assert.Equal(PrivacySettings.Default with { LinkPreviews = false }, (await Social(me).GetSettingsAsync(me)).Settings);
    }
}
