using Orleans.Streams;
using OrleansDirect.Conversations;
using OrleansDirect.Inbox;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    private async Task<(string A, string B, IConversationGrain Conversation)> StartPairAsync()
    {
        var a = (await Users.CreateAsync(fixture.Client)).UserId;
        var b = (await Users.CreateAsync(fixture.Client)).UserId;
        await Users.FollowAsync(fixture.Client, b, a); // full messaging both ways; requests are tested in PrivacyGrainTests
        var grain = fixture.Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b));
        Assert.Equal(ConversationStatus.Ok, (await grain.StartDirectAsync(a, b)).Status);
        return (a, b, grain);
    }

    private static MessageDraft Draft(string text = "hello") => new(Guid.NewGuid().ToString("N"), text);

    [Fact]
    public async Task StartDirect_FromEitherSide_ReturnsSameConversation()
    {
        var (a, b, grain) = await StartPairAsync();

        var again = await grain.StartDirectAsync(b, a);

        Assert.Equal(ConversationStatus.Ok, again.Status);
        Assert.Equal(ConversationIds.Direct(a, b), again.Conversation!.ConversationId);
        Assert.Equal(new[] { a, b }.Order(), again.Conversation.MemberIds.Order());
    }

    [Fact]
    public async Task StartDirect_WithSelfUnknownUserOrWrongKey_IsRefused()
    {
        var a = (await Users.CreateAsync(fixture.Client)).UserId;
        var b = (await Users.CreateAsync(fixture.Client)).UserId;
        var ghost = "u_" + Guid.NewGuid().ToString("N");

        Assert.Equal(ConversationStatus.UserNotFound,
            (await fixture.Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, b)).StartDirectAsync(a, "")).Status);
        Assert.Equal(ConversationStatus.CannotMessageSelf,
            (await fixture.Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, a)).StartDirectAsync(a, a)).Status);
        Assert.Equal(ConversationStatus.UserNotFound,
            (await fixture.Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, ghost)).StartDirectAsync(a, ghost)).Status);
        Assert.Equal(ConversationStatus.NotFound,
            (await fixture.Client.GetGrain<IConversationGrain>(ConversationIds.Direct(a, ghost)).StartDirectAsync(a, b)).Status);
    }

    [Fact]
    public async Task Post_AssignsConsecutiveSequenceNumbersAndServerTimestamps()
    {
        var (a, b, grain) = await StartPairAsync();
        var before = DateTimeOffset.UtcNow;

        var first = await grain.PostAsync(a, Draft());
        var second = await grain.PostAsync(b, Draft());

        Assert.Equal((1, 2), (first.Seq, second.Seq));
        Assert.InRange(first.SentAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(second.SentAt >= first.SentAt);
    }

    [Fact]
    public async Task Post_RetriedWithSameClientMessageId_ReturnsOriginalSeqAndStoresOnce()
    {
        var (a, _, grain) = await StartPairAsync();
        var draft = Draft("only once");

        var first = await grain.PostAsync(a, draft);
        var retry = await grain.PostAsync(a, draft with { Text = "a different text" });

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Seq, retry.Seq);
        var history = await grain.GetHistoryAsync(a, new HistoryQuery(null, null, 100));
        Assert.Equal("only once", Assert.Single(history.Messages).Text);
    }

    [Fact]
    public async Task Post_RetryOlderThanIdempotencyWindow_IsStoredAsNewMessage()
    {
        var (a, _, grain) = await StartPairAsync();
        var draft = Draft();
        await grain.PostAsync(a, draft);
        for (var i = 0; i < 16; i++)
        {
            await grain.PostAsync(a, Draft());
        }

        var late = await grain.PostAsync(a, draft);

        Assert.False(late.Duplicate);
        Assert.Equal(18, late.Seq);
    }

    [Theory]
    [InlineData("", ConversationStatus.EmptyText)]
    [InlineData("   ", ConversationStatus.EmptyText)]
    [InlineData("bell\u0007", ConversationStatus.InvalidText)]
    public async Task Post_WithBadText_IsRefusedAndNothingIsStored(string text, ConversationStatus expected)
    {
        var (a, _, grain) = await StartPairAsync();

        Assert.Equal(expected, (await grain.PostAsync(a, Draft(text))).Status);
        Assert.Equal(ConversationStatus.TextTooLong, (await grain.PostAsync(a, Draft(new string('x', 4097)))).Status);
        Assert.Equal(ConversationStatus.InvalidClientMessageId, (await grain.PostAsync(a, new MessageDraft("has space", "hi"))).Status);
        Assert.Equal(0, (await grain.GetHistoryAsync(a, new HistoryQuery(null, null, 10))).LastSeq);
        Assert.Equal(ConversationStatus.Ok, (await grain.PostAsync(a, Draft(new string('x', 4096)))).Status);
    }

    [Fact]
    public async Task NonMember_CannotPostReadAckOrMarkRead()
    {
        var (a, _, grain) = await StartPairAsync();
        await grain.PostAsync(a, Draft("private"));
        var outsider = (await Users.CreateAsync(fixture.Client)).UserId;

        Assert.Equal(ConversationStatus.NotFound, (await grain.PostAsync(outsider, Draft())).Status);
        Assert.Equal(ConversationStatus.NotFound, (await grain.GetHistoryAsync(outsider, new HistoryQuery(null, null, 10))).Status);
        Assert.Empty((await grain.GetHistoryAsync(outsider, new HistoryQuery(null, null, 10))).Messages);
        Assert.Equal(ConversationStatus.NotFound, (await grain.GetViewAsync(outsider)).Status);
        Assert.Equal(ConversationStatus.NotFound, await grain.AcknowledgeAsync(outsider, 1));
        Assert.Equal(ConversationStatus.NotFound, await grain.MarkReadAsync(outsider, 1));
        Assert.Equal(ConversationStatus.NotFound, (await grain.StartDirectAsync(outsider, a)).Status);
        Assert.Equal(1, (await grain.GetHistoryAsync(a, new HistoryQuery(null, null, 10))).LastSeq);
    }

    [Fact]
    public async Task History_PagesAcrossSegmentsInBothDirections()
    {
        var (a, b, grain) = await StartPairAsync();
        for (var i = 1; i <= 300; i++)
        {
            await grain.PostAsync(i % 2 == 0 ? a : b, new MessageDraft($"m{i}", $"text {i}"));
        }

        var latest = await grain.GetHistoryAsync(a, new HistoryQuery(null, null, 50));
        var after = await grain.GetHistoryAsync(a, new HistoryQuery(null, 120, 100));
        var before = await grain.GetHistoryAsync(b, new HistoryQuery(130, null, 20));
        var tail = await grain.GetHistoryAsync(a, new HistoryQuery(null, 290, 100));

        Assert.Equal(Enumerable.Range(251, 50).Select(i => (long)i), latest.Messages.Select(m => m.Seq));
        Assert.True(latest.HasMore);
        Assert.Equal(Enumerable.Range(121, 100).Select(i => (long)i), after.Messages.Select(m => m.Seq));
        Assert.True(after.HasMore);
        Assert.Equal(Enumerable.Range(110, 20).Select(i => (long)i), before.Messages.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(291, 10).Select(i => (long)i), tail.Messages.Select(m => m.Seq));
        Assert.False(tail.HasMore);
        Assert.Equal("text 200", after.Messages.Single(m => m.Seq == 200).Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task History_WithPageSizeOutsideLimits_IsRefused(int limit)
    {
        var (a, _, grain) = await StartPairAsync();
        Assert.Equal(ConversationStatus.InvalidQuery, (await grain.GetHistoryAsync(a, new HistoryQuery(null, null, limit))).Status);
        Assert.Equal(ConversationStatus.InvalidQuery, (await grain.GetHistoryAsync(a, new HistoryQuery(5, 1, 10))).Status);
    }

    [Fact]
    public async Task Post_PublishesToEveryMembersOwnStream()
    {
        var (a, b, grain) = await StartPairAsync();
        var received = new TaskCompletionSource<MessagePosted>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = fixture.Client.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(b));
        var handle = await stream.SubscribeAsync((evt, _) =>
        {
            if (evt is MessagePosted posted)
            {
                received.TrySetResult(posted);
            }

            return Task.CompletedTask;
        });

        try
        {
            var result = await grain.PostAsync(a, Draft("to b"));
            var posted = await Await.Signal(received.Task, $"MessagePosted on the stream of {b}");
            Assert.Equal((result.Seq, "to b", a), (posted.Message.Seq, posted.Message.Text, posted.Message.SenderId));
        }
        finally
        {
            await handle.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task Post_RetriedDuplicate_PublishesAgainInCaseTheFirstFanOutWasLost()
    {
        var (a, b, grain) = await StartPairAsync();
        var events = System.Threading.Channels.Channel.CreateUnbounded<MessagePosted>();
        var stream = fixture.Client.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(b));
        var handle = await stream.SubscribeAsync((evt, _) =>
        {
            if (evt is MessagePosted posted)
            {
                events.Writer.TryWrite(posted);
            }

            return Task.CompletedTask;
        });

        try
        {
            var draft = Draft("once, announced twice");
            var first = await grain.PostAsync(a, draft);
            var original = await Await.Signal(events.Reader.ReadAsync().AsTask(), $"the first MessagePosted on the stream of {b}");
            var retry = await grain.PostAsync(a, draft);
            var again = await Await.Signal(events.Reader.ReadAsync().AsTask(), $"the repeated MessagePosted on the stream of {b}");

            Assert.True(retry.Duplicate);
            Assert.Equal((first.Seq, first.Seq), (original.Message.Seq, again.Message.Seq));
            Assert.Single((await grain.GetHistoryAsync(a, new HistoryQuery(null, null, 10))).Messages);

            // A retry that arrives after newer messages does not move the inbox preview back.
            await grain.PostAsync(b, Draft("newer"));
            await grain.PostAsync(a, draft);
            var entry = (await fixture.Client.GetGrain<IInboxGrain>(b).GetPageAsync(b, new InboxQuery(null, 10))).Entries.Single();
            Assert.Equal(("newer", 2L), (entry.Preview!.Text, entry.Preview.Seq));
        }
        finally
        {
            await handle.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task Inbox_ListsConversationsByRecentActivityWithUnreadAndPreview()
    {
        var me = (await Users.CreateAsync(fixture.Client)).UserId;
        List<string> conversationIds = [];
        for (var i = 0; i < 3; i++)
        {
            var other = (await Users.CreateAsync(fixture.Client)).UserId;
            await Users.FollowAsync(fixture.Client, me, other);
            var grain = fixture.Client.GetGrain<IConversationGrain>(ConversationIds.Direct(me, other));
            await grain.StartDirectAsync(other, me);
            await grain.PostAsync(other, Draft($"hello {i}"));
            await grain.PostAsync(other, Draft(new string('y', 150)));
            conversationIds.Add(ConversationIds.Direct(me, other));
        }

        var inbox = fixture.Client.GetGrain<IInboxGrain>(me);
        await fixture.Client.GetGrain<IConversationGrain>(conversationIds[0]).MarkReadAsync(me, 1);
        var first = await inbox.GetPageAsync(me, new InboxQuery(null, 2));
        var second = await inbox.GetPageAsync(me, new InboxQuery(first.NextCursor, 2));

        Assert.Equal(conversationIds.AsEnumerable().Reverse(), first.Entries.Concat(second.Entries).Select(e => e.ConversationId));
        Assert.Null(second.NextCursor);
        Assert.All(first.Entries, e => Assert.Equal(2, e.UnreadCount));
        Assert.Equal(1, second.Entries.Single().UnreadCount);
        Assert.Equal(MessagePreview.MaxLength, first.Entries[0].Preview!.Text.Length);
        Assert.Equal(InboxStatus.Forbidden, (await inbox.GetPageAsync("u_someone_else", new InboxQuery(null, 10))).Status);
        Assert.Equal(InboxStatus.InvalidQuery, (await inbox.GetPageAsync(me, new InboxQuery("not-a-cursor", 10))).Status);
    }

    [Fact]
    public async Task Inbox_ByConversationId_PagesEveryEntryOnceEvenWhileActivityReordersThem()
    {
        var me = (await Users.CreateAsync(fixture.Client)).UserId;
        List<string> ids = [];
        for (var i = 0; i < 5; i++)
        {
            var other = (await Users.CreateAsync(fixture.Client)).UserId;
            await Users.FollowAsync(fixture.Client, me, other);
            await fixture.Client.GetGrain<IConversationGrain>(ConversationIds.Direct(me, other)).StartDirectAsync(other, me);
            ids.Add(ConversationIds.Direct(me, other));
        }

        var inbox = fixture.Client.GetGrain<IInboxGrain>(me);
        var first = await inbox.GetPageAsync(me, new InboxQuery(null, 2, InboxOrder.ConversationId));

        // Every conversation gets a message between the pages, so activity order changes completely.
        foreach (var id in ids.OrderDescending(StringComparer.Ordinal))
        {
            var view = (await fixture.Client.GetGrain<IConversationGrain>(id).GetViewAsync(me)).Conversation!;
            await fixture.Client.GetGrain<IConversationGrain>(id).PostAsync(view.MemberIds.First(m => m != me), Draft());
        }

        List<string> seen = [.. first.Entries.Select(e => e.ConversationId)];
        var cursor = first.NextCursor;
        while (cursor is not null)
        {
            var page = await inbox.GetPageAsync(me, new InboxQuery(cursor, 2, InboxOrder.ConversationId));
            seen.AddRange(page.Entries.Select(e => e.ConversationId));
            cursor = page.NextCursor;
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task SendingAMessage_MovesSendersReadMarker()
    {
        var (a, b, grain) = await StartPairAsync();
        await grain.PostAsync(b, Draft());
        await grain.PostAsync(a, Draft());

        var entry = (await fixture.Client.GetGrain<IInboxGrain>(a).GetPageAsync(a, new InboxQuery(null, 10))).Entries.Single();

        Assert.Equal((2, 2, 0), (entry.LastSeq, entry.ReadSeq, entry.UnreadCount));
    }

    [Fact]
    public async Task AckAndRead_BeyondLastSeq_AreRefused()
    {
        var (a, _, grain) = await StartPairAsync();
        await grain.PostAsync(a, Draft());

        Assert.Equal(ConversationStatus.SeqOutOfRange, await grain.AcknowledgeAsync(a, 2));
        Assert.Equal(ConversationStatus.SeqOutOfRange, await grain.MarkReadAsync(a, 5));
        Assert.Equal(ConversationStatus.Ok, await grain.AcknowledgeAsync(a, 1));
    }
}
