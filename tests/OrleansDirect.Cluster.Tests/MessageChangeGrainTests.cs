using OrleansDirect.Conversations;
using OrleansDirect.Inbox;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

/// <summary>Unsend, delete for me, reactions, edits and replies, checked down to what storage keeps.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class MessageChangeGrainTests(ClusterFixture fixture)
{
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

    private static MessageDraft Draft(string text = "hello", long? replyTo = null) => new(Guid.NewGuid().ToString("N"), text, ReplyToSeq: replyTo);

    /// <summary>What storage holds for a message: the test reads the history segment directly, past every rule.</summary>
    private async Task<ChatMessage> StoredAsync(IConversationGrain conversation, long seq) =>
        (await Client.GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(conversation.GetPrimaryKeyString(), seq)).ReadAsync(seq, seq)).Single();

    private static async Task<List<ChatMessage>> HistoryAsync(IConversationGrain conversation, string viewer) =>
        [.. (await conversation.GetHistoryAsync(viewer, new HistoryQuery(null, null, 100))).Messages];

    [Fact]
    public async Task Unsend_PurgesTheContentFromStorage_LeavesATombstone_AndTellsEveryone()
    {
        var (a, b, conversation) = await PairAsync();
        var sent = await conversation.PostAsync(a, Draft("regrettable"));
        await using var theirs = await EventRecorder.StartAsync(Client, b);

        Assert.Equal(ConversationStatus.NotYourMessage, await conversation.UnsendAsync(b, sent.Seq));
        Assert.Equal(ConversationStatus.Ok, await conversation.UnsendAsync(a, sent.Seq));

        var stored = await StoredAsync(conversation, sent.Seq);
        Assert.Equal(("", true, null), (stored.Text, stored.Deleted, stored.LinkPreview));
        var (updated, _) = await theirs.WaitForAsync<MessageUpdated>("the unsend");
        Assert.True(updated.Message.Deleted);
        Assert.Equal("", updated.Message.Text);
        Assert.True((await HistoryAsync(conversation, b)).Single().Deleted);
        var preview = (await Client.GetGrain<IInboxGrain>(b).GetPageAsync(b, new InboxQuery(null, 10))).Entries.Single().Preview!;
        Assert.Equal(("", true), (preview.Text, preview.Deleted));
        Assert.Equal(ConversationStatus.MessageNotFound, await conversation.UnsendAsync(a, sent.Seq));
        Assert.Equal(ConversationStatus.MessageNotFound, await conversation.ReactAsync(b, sent.Seq, "👍"));
    }

    [Fact]
    public async Task DeleteForMe_HidesItFromMeOnly_AndPurgesItWhenEveryoneDeleted()
    {
        var (a, b, conversation) = await PairAsync();
        var sent = await conversation.PostAsync(a, Draft("keep or not"));
        await using var mine = await EventRecorder.StartAsync(Client, b);
        await using var theirs = await EventRecorder.StartAsync(Client, a);

        Assert.Equal(ConversationStatus.Ok, await conversation.DeleteForMeAsync(b, sent.Seq));

        Assert.Empty(await HistoryAsync(conversation, b));
        Assert.Equal("keep or not", (await HistoryAsync(conversation, a)).Single().Text);
        Assert.Equal(sent.Seq, (await mine.WaitForAsync<MessageRemoved>("my own devices drop it")).Match.Seq);
        Assert.DoesNotContain(await theirs.UntilSentinelAsync("the sender hears nothing"), e => e is MessageRemoved or MessageUpdated);
        Assert.Equal([b], (await StoredAsync(conversation, sent.Seq)).HiddenFor!);
        Assert.Equal(ConversationStatus.MessageNotFound, await conversation.DeleteForMeAsync(b, sent.Seq));

        Assert.Equal(ConversationStatus.Ok, await conversation.DeleteForMeAsync(a, sent.Seq));
        var stored = await StoredAsync(conversation, sent.Seq);
        Assert.Equal(("", true, null), (stored.Text, stored.Deleted, stored.LinkPreview)); // the content is gone from storage
        Assert.Empty(await HistoryAsync(conversation, a)); // and its tombstone stays out of both members' history
        Assert.Empty(await HistoryAsync(conversation, b));
    }

    [Fact]
    public async Task Reactions_AreOnePerMember_Changeable_AndRemovable()
    {
        var (a, b, conversation) = await PairAsync();
        var sent = await conversation.PostAsync(a, Draft());

        await conversation.ReactAsync(b, sent.Seq, "👍");
        await conversation.ReactAsync(b, sent.Seq, "😂");
        await conversation.ReactAsync(a, sent.Seq, "❤️");
        var both = (await HistoryAsync(conversation, a)).Single().Reactions!;
        await conversation.ReactAsync(b, sent.Seq, null);

        Assert.Equal([(b, "😂"), (a, "❤️")], both.Select(r => (r.UserId, r.Emoji)));
        Assert.Equal([a], (await HistoryAsync(conversation, b)).Single().Reactions!.Select(r => r.UserId));
        Assert.Equal(ConversationStatus.InvalidReaction, await conversation.ReactAsync(b, sent.Seq, "two words"));
        Assert.Equal(ConversationStatus.MessageNotFound, await conversation.ReactAsync(b, 99, "👍"));
        Assert.Equal(ConversationStatus.NotFound, await conversation.ReactAsync("u_outsider", sent.Seq, "👍"));
    }

    [Fact]
    public async Task Reactions_AreRefusedInARequest_SoTheSenderLearnsNothing()
    {
        var a = (await Users.CreateAsync(Client)).UserId;
        var b = (await Users.CreateAsync(Client)).UserId;
        var conversation = Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b));
        await conversation.StartDirectAsync(a, b);
        var sent = await conversation.PostAsync(a, Draft());

        Assert.Equal(ConversationStatus.RequestPending, await conversation.ReactAsync(b, sent.Seq, "👍"));
    }

    [Fact]
    public async Task Edits_KeepTheirHistoryVisibleToMembers_AndAreCapped()
    {
        var (a, b, conversation) = await PairAsync();
        var sent = await conversation.PostAsync(a, Draft("frist"));
        await using var theirs = await EventRecorder.StartAsync(Client, b);

        Assert.Equal(ConversationStatus.NotYourMessage, await conversation.EditAsync(b, sent.Seq, "mine"));
        Assert.Equal(ConversationStatus.EmptyText, await conversation.EditAsync(a, sent.Seq, " "));
        Assert.Equal(ConversationStatus.Ok, await conversation.EditAsync(a, sent.Seq, "first"));

        var edited = (await theirs.WaitForAsync<MessageUpdated>("the edit")).Match.Message;
        Assert.Equal(("first", "frist"), (edited.Text, edited.Edits!.Single().Text));
        Assert.Equal("first", (await HistoryAsync(conversation, b)).Single().Text);
        for (var i = 2; i <= 10; i++)
        {
            Assert.Equal(ConversationStatus.Ok, await conversation.EditAsync(a, sent.Seq, $"version {i}"));
        }

        Assert.Equal(ConversationStatus.TooManyEdits, await conversation.EditAsync(a, sent.Seq, "one more"));
    }

    [Fact]
    public async Task Replies_QuoteTheOriginal_WhichShowsAsUnavailableOnceUnsent()
    {
        var (a, b, conversation) = await PairAsync();
        var original = await conversation.PostAsync(a, Draft("the original"));
        var reply = await conversation.PostAsync(b, Draft("a reply", original.Seq));

        var quoted = (await HistoryAsync(conversation, a)).Single(m => m.Seq == reply.Seq);
        Assert.Equal((original.Seq, a, "the original", false), (quoted.Quote!.Seq, quoted.Quote.SenderId, quoted.Quote.Text, quoted.Quote.Unavailable));
        Assert.Null((await StoredAsync(conversation, reply.Seq)).Quote); // computed when read, never stored

        await conversation.UnsendAsync(a, original.Seq);
        var after = (await HistoryAsync(conversation, b)).Single(m => m.Seq == reply.Seq).Quote!;
        Assert.Equal((true, null, null), (after.Unavailable, after.SenderId, after.Text));
        Assert.Equal(ConversationStatus.MessageNotFound, (await conversation.PostAsync(b, Draft("to nothing", 42))).Status);
        Assert.Equal(ConversationStatus.MessageNotFound, (await conversation.PostAsync(b, Draft("to the unsent", original.Seq))).Status);
    }

    [Fact]
    public async Task Blocks_StopReactionsEditsAndModeSwitches_InA1To1Conversation()
    {
        var (a, b, conversation) = await PairAsync();
        var fromA = await conversation.PostAsync(a, Draft("before the block"));
        var fromB = await conversation.PostAsync(b, Draft("mine"));
        await Client.GetGrain<Social.ISocialGrain>(a).BlockAsync(a, b);

        Assert.Equal(ConversationStatus.CannotMessage, await conversation.ReactAsync(b, fromA.Seq, "👍"));
        Assert.Equal(ConversationStatus.CannotMessage, await conversation.EditAsync(b, fromB.Seq, "edited at the blocker"));
        Assert.Equal(ConversationStatus.CannotMessage, await conversation.SetDisappearingAsync(b, DisappearingMode.AfterSend, TimeSpan.FromMinutes(1)));
        Assert.Equal(ConversationStatus.BlockedByYou, await conversation.ReactAsync(a, fromB.Seq, "👍"));
        Assert.Equal(ConversationStatus.Ok, await conversation.UnsendAsync(b, fromB.Seq)); // taking one's own words back stays possible
    }
}
