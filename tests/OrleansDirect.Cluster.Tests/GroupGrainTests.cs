using OrleansDirect.Conversations;
using OrleansDirect.Inbox;
using OrleansDirect.Social;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

/// <summary>Groups as the group grain enforces them: limits, roles, membership in time, privacy of adds, delivery.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class GroupGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private async Task<string> NewUserAsync() => (await Users.CreateAsync(Client)).UserId;

    private async Task<List<string>> NewUsersAsync(int count)
    {
        List<string> users = [];
        for (var i = 0; i < count; i++)
        {
            users.Add(await NewUserAsync());
        }

        return users;
    }

    private static MessageDraft Draft(string text = "hello") => new(Guid.NewGuid().ToString("N"), text);

    private async Task<(IConversationGrain Group, GroupChangeResult Created)> CreateAsync(string creator, IReadOnlyList<string> members, string name = "friends")
    {
        var group = Client.GetGrain<IConversationGrain>(ConversationIds.NewGroup());
        var created = await group.CreateGroupAsync(creator, name, members);
        Assert.Equal(ConversationStatus.Ok, created.Status);
        return (group, created);
    }

    private static async Task<List<ChatMessage>> HistoryAsync(IConversationGrain group, string viewer) =>
        [.. (await group.GetHistoryAsync(viewer, new HistoryQuery(null, null, 100))).Messages];

    [Fact]
    public async Task Create_HoldsUpTo31Members_AndTheNextAddIsRefused()
    {
        var creator = await NewUserAsync();
        var others = await NewUsersAsync(31);

        var tooMany = await Client.GetGrain<IConversationGrain>(ConversationIds.NewGroup()).CreateGroupAsync(creator, "too many", others);
        var (group, created) = await CreateAsync(creator, others[..30]);
        var extra = await group.AddMembersAsync(creator, [others[30]]);

        Assert.Equal(ConversationStatus.GroupFull, tooMany.Status);
        Assert.Equal(31, created.Conversation!.MemberIds.Count);
        Assert.All(created.Outcomes, o => Assert.Equal(AddOutcome.Added, o.Outcome));
        Assert.Equal([creator], created.Conversation.AdminIds);
        Assert.Equal(ConversationStatus.GroupFull, extra.Status);
        Assert.Equal(ConversationStatus.NotFound, (await group.GetHistoryAsync(others[30], new HistoryQuery(null, null, 10))).Status);
        Assert.Equal(ConversationStatus.NotFound, (await group.PostAsync(others[30], Draft())).Status);
        var created1 = (await HistoryAsync(group, creator)).Single();
        Assert.Equal((SystemEventKind.Created, "friends", 30), (created1.Event!.Kind, created1.Event.Name, created1.Event.UserIds.Count));
    }

    [Fact]
    public async Task Create_RefusesBadNamesAndWrongKeys()
    {
        var creator = await NewUserAsync();

        Assert.Equal(ConversationStatus.InvalidGroupName, (await Client.GetGrain<IConversationGrain>(ConversationIds.NewGroup()).CreateGroupAsync(creator, "  ", [])).Status);
        Assert.Equal(ConversationStatus.InvalidGroupName, (await Client.GetGrain<IConversationGrain>(ConversationIds.NewGroup()).CreateGroupAsync(creator, new string('n', 101), [])).Status);
        Assert.Equal(ConversationStatus.WrongKind, (await Client.GetGrain<IConversationGrain>(ConversationIds.Direct(creator, "u_x")).CreateGroupAsync(creator, "x", [])).Status);
    }

    [Fact]
    public async Task FullGroup_EveryMemberGetsEveryMessageExactlyOnceInOrder()
    {
        var members = await NewUsersAsync(31);
        List<EventRecorder> recorders = [];
        foreach (var member in members)
        {
            recorders.Add(await EventRecorder.StartAsync(Client, member));
        }

        try
        {
            var (group, _) = await CreateAsync(members[0], members[1..]);
            var senders = new[] { members[0], members[7], members[30] };
            await Task.WhenAll(senders.Select(async sender =>
            {
                for (var i = 0; i < 10; i++)
                {
                    Assert.Equal(ConversationStatus.Ok, (await group.PostAsync(sender, Draft($"{sender} {i}"))).Status);
                }
            }));

            foreach (var recorder in recorders)
            {
                List<long> seqs = [];
                while (seqs.Count < 31)
                {
                    var (posted, _) = await recorder.WaitForAsync<MessagePosted>($"message {seqs.Count + 1} of 31 in the group", p => p.ConversationId == group.GetPrimaryKeyString());
                    seqs.Add(posted.Message.Seq);
                }

                Assert.Equal(Enumerable.Range(1, 31).Select(i => (long)i), seqs);
                Assert.Empty(await recorder.UntilSentinelAsync("nothing more for this member"));
            }
        }
        finally
        {
            foreach (var recorder in recorders)
            {
                await recorder.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Removal_StopsDeliveryAtOnce_AndHistoryEndsWhereTheyLeft()
    {
        var (admin, member, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var (group, _) = await CreateAsync(admin, [member, other]);
        await group.PostAsync(admin, Draft("before"));
        await using var theirs = await EventRecorder.StartAsync(Client, member);

        Assert.Equal(ConversationStatus.NotAdmin, await group.RemoveMemberAsync(other, member));
        Assert.Equal(ConversationStatus.Ok, await group.RemoveMemberAsync(admin, member));
        await group.PostAsync(admin, Draft("after"));

        var (removed, _) = await theirs.WaitForAsync<MessagePosted>("the record of my removal", p => p.Message.Event?.Kind == SystemEventKind.Removed);
        Assert.Equal(admin, removed.Message.Event!.ActorId);
        Assert.DoesNotContain(await theirs.UntilSentinelAsync("nothing after the removal"), e => e is MessagePosted);
        var history = await HistoryAsync(group, member);
        Assert.Equal(removed.Message.Seq, history[^1].Seq);
        Assert.DoesNotContain(history, m => m.Text == "after");
        Assert.Equal(ConversationStatus.NotFound, (await group.PostAsync(member, Draft())).Status);
        var leftView = (await group.GetViewAsync(member)).Conversation!;
        Assert.True(leftView.Left);
        Assert.Equal([member], leftView.MemberIds); // nothing of the group as it is now
        Assert.Null(leftView.Name);
        Assert.Equal(ConversationStatus.NotAMember, await group.RemoveMemberAsync(admin, member));
    }

    [Fact]
    public async Task NewMembers_SeeHistoryFromTheirJoin_AndRejoinersFromTheirNewJoin()
    {
        var (admin, late) = (await NewUserAsync(), await NewUserAsync());
        var (group, _) = await CreateAsync(admin, []);
        await group.PostAsync(admin, Draft("before you came"));

        var added = await group.AddMembersAsync(admin, [late]);
        await group.PostAsync(admin, Draft("welcome"));

        Assert.Equal(AddOutcome.Added, added.Outcomes.Single().Outcome);
        var seen = await HistoryAsync(group, late);
        Assert.Equal([SystemEventKind.Added], seen.Where(m => m.Event is not null).Select(m => m.Event!.Kind));
        Assert.Equal(["", "welcome"], seen.Select(m => m.Text));
        Assert.Equal(ConversationStatus.Ok, await group.LeaveAsync(late));
        await group.PostAsync(admin, Draft("while away"));
        await group.AddMembersAsync(admin, [late]);
        Assert.DoesNotContain(await HistoryAsync(group, late), m => m.Text is "while away" or "welcome");
    }

    [Fact]
    public async Task Roles_AdminsManage_MembersMayNot_AndTheLastAdminHandsOver()
    {
        var (admin, first, second, third) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var (group, _) = await CreateAsync(admin, [first, second]);
        await group.AcceptRequestAsync(first);
        await group.AcceptRequestAsync(second);

        Assert.Equal(ConversationStatus.NotAdmin, await group.RenameAsync(first, "mine now"));
        Assert.Equal(ConversationStatus.NotAdmin, await group.SetAdminAsync(first, first, true));
        Assert.Equal(ConversationStatus.LastAdmin, await group.SetAdminAsync(admin, admin, false));
        Assert.Equal(ConversationStatus.Ok, await group.RenameAsync(admin, "renamed"));
        Assert.Equal("renamed", (await Client.GetGrain<IInboxGrain>(first).GetPageAsync(first, new InboxQuery(null, 10))).Entries.Single().Name);

        Assert.Equal(ConversationStatus.Ok, await group.LeaveAsync(admin));
        var view = (await group.GetViewAsync(second)).Conversation!;
        Assert.Equal([first], view.AdminIds);
        var last = (await HistoryAsync(group, second))[^1];
        Assert.Equal((SystemEventKind.Promoted, first), (last.Event!.Kind, last.Event.UserIds.Single()));

        Assert.Equal(ConversationStatus.Ok, await group.SetAdminAsync(first, second, true));
        Assert.Equal(ConversationStatus.Ok, await group.SetAdminAsync(second, first, false));
        Assert.Equal([second], (await group.GetViewAsync(second)).Conversation!.AdminIds);
        Assert.Equal(ConversationStatus.NotFound, (await group.AddMembersAsync(third, [third])).Status); // outsiders cannot add themselves
    }

    [Fact]
    public async Task ApprovalRequired_MembersAddsWaitForAnAdmin()
    {
        var (admin, member, friend, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var (group, _) = await CreateAsync(admin, [member]);
        await group.AcceptRequestAsync(member);
        Assert.Equal(ConversationStatus.NotAdmin, await group.SetApprovalRequiredAsync(member, true));
        Assert.Equal(ConversationStatus.Ok, await group.SetApprovalRequiredAsync(admin, true));

        var proposed = await group.AddMembersAsync(member, [friend, other]);

        Assert.All(proposed.Outcomes, o => Assert.Equal(AddOutcome.PendingApproval, o.Outcome));
        Assert.Equal(2, (await group.GetViewAsync(admin)).Conversation!.PendingAddIds!.Count);
        Assert.Null((await group.GetViewAsync(member)).Conversation!.PendingAddIds);
        Assert.Equal(ConversationStatus.NotAdmin, (await group.ReviewAddAsync(member, friend, true)).Status);
        Assert.Equal(AddOutcome.Added, (await group.ReviewAddAsync(admin, friend, true)).Outcomes.Single().Outcome);
        Assert.Equal(ConversationStatus.Ok, (await group.ReviewAddAsync(admin, other, false)).Status);
        var members = (await group.GetViewAsync(admin)).Conversation!;
        Assert.Contains(friend, members.MemberIds);
        Assert.DoesNotContain(other, members.MemberIds);
        Assert.Empty(members.PendingAddIds!);
    }

    [Fact]
    public async Task Adds_FollowTheAddedPersonsPrivacyRules()
    {
        var (adder, follower, stranger, closed, blocker, blocked) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, follower, adder);
        await Client.GetGrain<ISocialGrain>(closed).UpdateSettingsAsync(closed, new SettingsUpdate(WhoCanMessage: WhoCanMessage.Off));
        await Client.GetGrain<ISocialGrain>(blocker).BlockAsync(blocker, adder);
        await Client.GetGrain<ISocialGrain>(adder).BlockAsync(adder, blocked);

        var (group, created) = await CreateAsync(adder, [follower, stranger, closed, blocker, blocked]);

        var outcomes = created.Outcomes.ToDictionary(o => o.UserId, o => o.Outcome);
        Assert.Equal(AddOutcome.Added, outcomes[follower]);
        Assert.Equal(AddOutcome.Added, outcomes[stranger]);
        Assert.Equal(AddOutcome.CannotAdd, outcomes[closed]);
        Assert.Equal(outcomes[closed], outcomes[blocker]); // a block is not disclosed
        Assert.Equal(AddOutcome.BlockedByYou, outcomes[blocked]);
        Assert.Equal(InboxFolder.Inbox, (await group.GetViewAsync(follower)).Conversation!.Folder);
        Assert.Equal(InboxFolder.Requests, (await group.GetViewAsync(stranger)).Conversation!.Folder);
        Assert.Equal(ConversationStatus.Ok, await group.AcceptRequestAsync(stranger));
        Assert.Equal(InboxFolder.Inbox, (await group.GetViewAsync(stranger)).Conversation!.Folder);
    }

    [Fact]
    public async Task Blocks_InsideAGroup_WithholdTheBlockedPersonsMessagesAndActivity_AndWarnOnJoining()
    {
        var (admin, me, pest) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Client.GetGrain<ISocialGrain>(me).BlockAsync(me, pest);
        await Users.FollowAsync(Client, me, admin);
        var (group, _) = await CreateAsync(admin, [pest]);
        await group.AcceptRequestAsync(pest);
        await using var mine = await EventRecorder.StartAsync(Client, me);

        await group.AddMembersAsync(admin, [me]);
        var (joined, _) = await mine.WaitForAsync<ConversationStarted>("the group, with its warning");
        Assert.Equal([pest], joined.Conversation.BlockedMemberIds);

        await group.PostAsync(pest, Draft("from the pest"));
        await group.SetTypingAsync(pest, true);
        await group.PostAsync(admin, Draft("from the admin"));
        var (fromAdmin, before) = await mine.WaitForAsync<MessagePosted>("the admin's message", p => p.Message.Text == "from the admin");
        Assert.DoesNotContain(before, e => e is MessagePosted { Message.Event: null } or TypingChanged);
        var history = await HistoryAsync(group, me);
        Assert.DoesNotContain(history, m => m.SenderId == pest && m.Event is null);
        Assert.Contains(history, m => m.Seq == fromAdmin.Message.Seq);
        Assert.Contains("from the pest", (await HistoryAsync(group, admin)).Select(m => m.Text));
    }

    [Fact]
    public async Task Blocks_InsideAGroup_AlsoWithholdTheBlockedPersonsReactionsAndQuotesOfTheirMessages()
    {
        var (admin, me, pest) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, me, admin);
        var (group, _) = await CreateAsync(admin, [me, pest]);
        await group.AcceptRequestAsync(pest);
        await Client.GetGrain<ISocialGrain>(me).BlockAsync(me, pest);
        var adminsDraft = Draft("from the admin");
        var fromAdmin = await group.PostAsync(admin, adminsDraft);
        var fromPest = await group.PostAsync(pest, Draft("the pest's words"));
        await using var mine = await EventRecorder.StartAsync(Client, me);
        await using var admins = await EventRecorder.StartAsync(Client, admin);

        // The pest reacts, then the admin does: I am told of the admin's reaction only, and see only it.
        Assert.Equal(ConversationStatus.Ok, await group.ReactAsync(pest, fromAdmin.Seq, "😡"));
        Assert.Equal(ConversationStatus.Ok, await group.ReactAsync(admin, fromAdmin.Seq, "👍"));
        var (reacted, before) = await mine.WaitForAsync<MessageUpdated>("the admin's reaction", u => u.Message.Reactions?.Any(r => r.UserId == admin) == true);
        Assert.DoesNotContain(before, e => e is MessageUpdated);
        Assert.Equal([admin], reacted.Message.Reactions!.Select(r => r.UserId));

        // The admin quotes the pest: my copy of the reply, live and in history, shows the quote as unavailable.
        var reply = await group.PostAsync(admin, Draft("replying to the pest") with { ReplyToSeq = fromPest.Seq });
        var (live, _) = await mine.WaitForAsync<MessagePosted>("the admin's reply", p => p.Message.Seq == reply.Seq);
        var history = await HistoryAsync(group, me);

        Assert.Equal(new Quote(fromPest.Seq, null, null, true), live.Message.Quote);
        Assert.Equal(new Quote(fromPest.Seq, null, null, true), history.Single(m => m.Seq == reply.Seq).Quote);
        Assert.Equal([admin], history.Single(m => m.Seq == fromAdmin.Seq).Reactions!.Select(r => r.UserId));

        // An edit, and a retried send (which publishes the stored message again), carry the reactions: not the pest's.
        Assert.Equal(ConversationStatus.Ok, await group.EditAsync(admin, fromAdmin.Seq, "from the admin, edited"));
        var (edited, _) = await mine.WaitForAsync<MessageUpdated>("the admin's edit", u => u.Message.Text == "from the admin, edited");
        Assert.Equal([admin], edited.Message.Reactions!.Select(r => r.UserId));
        Assert.True((await group.PostAsync(admin, adminsDraft)).Duplicate);
        var (resent, _) = await mine.WaitForAsync<MessagePosted>("the retried send, published again", p => p.Message.Seq == fromAdmin.Seq);
        Assert.Equal([admin], resent.Message.Reactions!.Select(r => r.UserId));

        // Others see it all, and I cannot reply to, react to or delete a message withheld from me.
        var adminsHistory = await HistoryAsync(group, admin);
        Assert.Equal([pest, admin], adminsHistory.Single(m => m.Seq == fromAdmin.Seq).Reactions!.Select(r => r.UserId));
        Assert.Equal("the pest's words", adminsHistory.Single(m => m.Seq == reply.Seq).Quote!.Text);
        Assert.Contains((await admins.UntilSentinelAsync("the admin's events")).OfType<MessageUpdated>(), u => u.Message.Reactions?.Count == 1);
        var refused = await group.PostAsync(me, Draft("replying to what I cannot see") with { ReplyToSeq = fromPest.Seq });
        Assert.Equal(ConversationStatus.MessageNotFound, refused.Status);
        Assert.Equal(ConversationStatus.MessageNotFound, await group.ReactAsync(me, fromPest.Seq, "👀"));
        Assert.Equal(ConversationStatus.MessageNotFound, await group.DeleteForMeAsync(me, fromPest.Seq));
    }

    [Fact]
    public async Task ReadReceipts_InAGroup_FollowEachMembersSetting()
    {
        var (admin, open, quiet) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Users.FollowAsync(Client, open, admin);
        await Users.FollowAsync(Client, quiet, admin);
        await Client.GetGrain<ISocialGrain>(quiet).UpdateSettingsAsync(quiet, new SettingsUpdate(ReadReceipts: ReceiptMode.Off));
        var (group, _) = await CreateAsync(admin, [open, quiet]);
        var sent = await group.PostAsync(admin, Draft());
        await using var admins = await EventRecorder.StartAsync(Client, admin);

        await group.MarkReadAsync(open, sent.Seq);
        await group.MarkReadAsync(quiet, sent.Seq);

        var markers = (await admins.UntilSentinelAsync("the admin's events")).OfType<ReadMarkerChanged>().Select(r => r.UserId).ToList();
        Assert.Equal([open], markers);
        Assert.Equal([open], (await group.GetHistoryAsync(admin, new HistoryQuery(null, null, 10))).ReadMarkers!.Select(r => r.UserId));
    }

    [Fact]
    public async Task Outsiders_LearnNothing_AndFormerMembersCanClearTheirUnreadCount()
    {
        var (a, b, outsider) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b)).StartDirectAsync(a, b);
        var (group, _) = await CreateAsync(a, [b]);
        await group.PostAsync(a, Draft());

        Assert.Equal(ConversationStatus.NotFound, await Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b)).LeaveAsync(outsider));
        Assert.Equal(ConversationStatus.WrongKind, await Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b)).LeaveAsync(a));

        await group.LeaveAsync(b);
        var left = (await group.GetViewAsync(b)).Conversation!;
        Assert.Equal(ConversationStatus.SeqOutOfRange, await group.MarkReadAsync(b, left.LastSeq + 1));
        Assert.Equal(ConversationStatus.Ok, await group.MarkReadAsync(b, left.LastSeq));
        var entry = (await Client.GetGrain<IInboxGrain>(b).GetPageAsync(b, new InboxQuery(null, 10, InboxOrder.ConversationId))).Entries.Single(e => e.ConversationId == group.GetPrimaryKeyString());
        Assert.Equal(0, entry.UnreadCount);
    }

    [Fact]
    public async Task Approval_DoesNotTellTheAdminAboutTheProposersBlocks_AndSystemMessagesCannotBeReported()
    {
        var (admin, member, blockedByMember) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var (group, _) = await CreateAsync(admin, [member]);
        await group.AcceptRequestAsync(member);
        await group.SetApprovalRequiredAsync(admin, true);
        await Client.GetGrain<ISocialGrain>(member).BlockAsync(member, blockedByMember);
        await group.AddMembersAsync(member, [blockedByMember]);

        var reviewed = await group.ReviewAddAsync(admin, blockedByMember, approve: true);

        Assert.Equal(AddOutcome.CannotAdd, reviewed.Outcomes.Single().Outcome);
        var report = await Client.GetGrain<Reports.IReportsGrain>(0).FileAsync(member,
            new Reports.ReportDraft(Reports.ReportTarget.Message, group.GetPrimaryKeyString(), 1, null, Reports.ReportReason.Spam, null, [], false));
        Assert.Equal(Reports.ReportStatus.Invalid, report.Status);
    }
}
