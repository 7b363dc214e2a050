using OrleansDirect.Conversations;
using OrleansDirect.Inbox;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

/// <summary>Disappearing messages: purged by a durable timer, never served once due.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class DisappearingGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    private IClusterClient Client => fixture.Client;

    private async Task<(string A, string B, IConversationGrain Conversation)> PairAsync()
    {
        var a = (await Users.CreateAsync(Client)).UserId;
        var b = (await Users.CreateAsync(Client)).UserId;
        await Users.FollowAsync(Client, b, a);
        var conversation = Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b));
        await conversation.StartDirectAsync(a, b);
        return (a, b, conversation);
    }

    private static MessageDraft Draft(string text) => new(Guid.NewGuid().ToString("N"), text);

    private async Task<ChatMessage> StoredAsync(IConversationGrain conversation, long seq) =>
        (await Client.GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(conversation.GetPrimaryKeyString(), seq)).ReadAsync(seq, seq)).Single();

    [Fact]
    public async Task AfterSend_IsPurgedFromStorageHistoryAndPreview_EvenAfterTheGrainWasDeactivated()
    {
        var (a, b, conversation) = await PairAsync();
        await using var theirs = await EventRecorder.StartAsync(Client, b);
        Assert.Equal(ConversationStatus.Ok, await conversation.SetDisappearingAsync(a, DisappearingMode.AfterSend, Short));
        var kept = await conversation.PostAsync(b, Draft("a reply in the same mode"));
        var sent = await conversation.PostAsync(a, Draft("self-destructing"));
        Assert.NotNull((await StoredAsync(conversation, sent.Seq)).ExpiresAt);

        await fixture.Cluster.DeactivateAsync(conversation);

        // Every message sent in the mode disappears (in one purge or several, as their due times fall).
        HashSet<long> purged = [];
        while (!purged.IsSupersetOf([kept.Seq, sent.Seq]))
        {
            purged.UnionWith((await theirs.WaitForAsync<MessagesExpired>("the purge, woken by the reminder")).Match.Seqs);
        }

        var stored = await StoredAsync(conversation, sent.Seq);
        Assert.Equal(("", true, true), (stored.Text, stored.Deleted, stored.Expired));
        var history = (await conversation.GetHistoryAsync(b, new HistoryQuery(null, null, 10))).Messages;
        Assert.DoesNotContain(history, m => m.Text.Contains("self-destructing", StringComparison.Ordinal));
        Assert.Equal("", (await Client.GetGrain<IInboxGrain>(b).GetPageAsync(b, new InboxQuery(null, 10))).Entries.Single().Preview!.Text);
        Assert.Equal(DisappearingMode.AfterSend, (await conversation.GetViewAsync(b)).Conversation!.Disappearing);
    }

    [Fact]
    public async Task AfterSeen_StartsCountingOnlyWhenEveryMemberHasReadIt()
    {
        var (a, b, conversation) = await PairAsync();
        await conversation.SetDisappearingAsync(b, DisappearingMode.AfterSeen, Short);
        await using var mine = await EventRecorder.StartAsync(Client, a);
        var sent = await conversation.PostAsync(a, Draft("read me once"));

        var unread = await StoredAsync(conversation, sent.Seq);
        Assert.Equal((null, Short), (unread.ExpiresAt, unread.DisappearAfterSeen));

        await conversation.MarkReadAsync(b, sent.Seq);

        Assert.NotNull((await StoredAsync(conversation, sent.Seq)).ExpiresAt);
        await mine.WaitForAsync<MessagesExpired>("the purge after it was seen", e => e.Seqs.Contains(sent.Seq));
        Assert.True((await StoredAsync(conversation, sent.Seq)).Expired);
    }

    [Fact]
    public async Task Switching_IsRecordedInHistory_AndOnlyOfferedTimersAreAccepted()
    {
        var (a, b, conversation) = await PairAsync();

        Assert.Equal(ConversationStatus.InvalidTimer, await conversation.SetDisappearingAsync(a, DisappearingMode.AfterSend, TimeSpan.FromSeconds(3)));
        Assert.Equal(ConversationStatus.InvalidTimer, await conversation.SetDisappearingAsync(a, DisappearingMode.AfterSend, null));
        Assert.Equal(ConversationStatus.NotFound, await conversation.SetDisappearingAsync("u_outsider", DisappearingMode.AfterSend, Short));
        Assert.Equal(ConversationStatus.Ok, await conversation.SetDisappearingAsync(b, DisappearingMode.AfterSend, TimeSpan.FromMinutes(1)));
        var before = await conversation.PostAsync(a, Draft("sent in the mode"));
        Assert.Equal(ConversationStatus.Ok, await conversation.SetDisappearingAsync(a, DisappearingMode.Off, null));
        var after = await conversation.PostAsync(a, Draft("stays"));

        var events = (await conversation.GetHistoryAsync(a, new HistoryQuery(null, null, 10))).Messages.Where(m => m.Event is not null).Select(m => m.Event!).ToList();
        Assert.Equal([(DisappearingMode.AfterSend, TimeSpan.FromMinutes(1), b), (DisappearingMode.Off, (TimeSpan?)null, a)],
            events.Select(e => (e.Mode!.Value, e.Timer, e.ActorId)));
        Assert.NotNull((await StoredAsync(conversation, before.Seq)).ExpiresAt);
        Assert.Null((await StoredAsync(conversation, after.Seq)).ExpiresAt);
    }

    [Fact]
    public async Task AfterSeen_MessagesWaitingToBeSeen_KeepTheirTimerWhenTheModeIsSetAgain()
    {
        var (a, b, conversation) = await PairAsync();
        await conversation.SetDisappearingAsync(a, DisappearingMode.AfterSeen, TimeSpan.FromMinutes(1));
        var waiting = await conversation.PostAsync(a, Draft("not read yet"));
        await conversation.SetDisappearingAsync(a, DisappearingMode.AfterSeen, Short);

        await conversation.MarkReadAsync(b, waiting.Seq + 1);

        Assert.NotNull((await StoredAsync(conversation, waiting.Seq)).ExpiresAt);
    }

    [Fact]
    public async Task AfterSeen_InAGroup_IsNotHeldBackByMembersWhoJoinedLater()
    {
        var (admin, member, late) = ((await Users.CreateAsync(Client)).UserId, (await Users.CreateAsync(Client)).UserId, (await Users.CreateAsync(Client)).UserId);
        var group = Client.GetGrain<IConversationGrain>(ConversationIds.NewGroup());
        await group.CreateGroupAsync(admin, "vanishing", [member]);
        await group.AcceptRequestAsync(member);
        await group.SetDisappearingAsync(admin, DisappearingMode.AfterSeen, TimeSpan.FromMinutes(1));
        var sent = await group.PostAsync(admin, Draft("before the newcomer"));
        await group.AddMembersAsync(admin, [late]);

        await group.MarkReadAsync(member, sent.Seq);

        Assert.NotNull((await StoredAsync(group, sent.Seq)).ExpiresAt);
    }
}
