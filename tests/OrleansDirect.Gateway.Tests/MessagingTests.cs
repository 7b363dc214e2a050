using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Streams;
using OrleansDirect.Conversations;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Gateway")]
public sealed class MessagingTests(GatewayFixture fixture)
{
    private RunningGateway Gateway => fixture.Gateway;

    private async Task<WsClient> ConnectAsync(TestUser user, string name, IReadOnlyDictionary<string, long>? cursors = null, RunningGateway? gateway = null)
    {
        var client = await WsClient.ConnectAsync((gateway ?? Gateway).WebSocketUri, name);
        await client.AuthAndSyncAsync(user.Token, cursors);
        return client;
    }

    [Fact]
    public async Task TwoUsers_ExchangeMessagesBothWays()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        await using var a = await ConnectAsync(alice, "alice");
        await using var b = await ConnectAsync(bob, "bob");

        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        await b.WaitForAsync("conversation_started", "bob learns of the new conversation");
        var sent = await Conversation.SendAsync(a, conversationId, "hi bob");
        var atBob = await Conversation.NextMessageAsync(b, "alice's message at bob");
        var reply = await Conversation.SendAsync(b, conversationId, "hi alice");
        var atAlice = await a.WaitForAsync("message", "bob's reply at alice", f => (string?)f["message"]!["senderId"] == bob.UserId);

        Assert.Equal(1, (long)sent["seq"]!);
        Assert.Equal(("hi bob", alice.UserId, 1L), ((string)atBob["text"]!, (string)atBob["senderId"]!, (long)atBob["seq"]!));
        Assert.Equal(2, (long)reply["seq"]!);
        Assert.Equal("hi alice", (string)atAlice["message"]!["text"]!);
    }

    [Fact]
    public async Task OpenDirect_ByHandle_ReturnsSameConversationAsById()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        await using var a = await ConnectAsync(alice, "alice");
        await using var b = await ConnectAsync(bob, "bob");

        var byId = await Conversation.OpenDirectAsync(a, bob);
        await b.SendAsync(new { type = "open_direct", handle = alice.Handle.ToUpperInvariant() });
        var byHandle = await b.WaitForAsync("conversation", "conversation opened by handle");

        Assert.Equal(byId, (string)byHandle["conversation"]!["conversationId"]!);
    }

    [Fact]
    public async Task SendersOtherDevices_ReceiveItsOwnSends_ThroughOneSharedSubscription()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        var laptop = await ConnectAsync(alice, "alice-laptop");
        var phone = await ConnectAsync(alice, "alice-phone");
        await using var b = await ConnectAsync(bob, "bob");
        var stream = Gateway.ClusterClient.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(alice.UserId));

        var conversationId = await Conversation.OpenDirectAsync(laptop, bob);
        await Conversation.SendAsync(laptop, conversationId, "from my laptop");
        var onPhone = await Conversation.NextMessageAsync(phone, "laptop's send echoed to the phone");
        var onLaptop = await Conversation.NextMessageAsync(laptop, "laptop's send echoed to the laptop");

        Assert.Equal("from my laptop", (string)onPhone["text"]!);
        Assert.Equal((long)onPhone["seq"]!, (long)onLaptop["seq"]!);
        Assert.Single(await stream.GetAllSubscriptionHandles());

        var unsubscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Gateway.Hub.Unsubscribed += id =>
        {
            if (id == alice.UserId)
            {
                unsubscribed.TrySetResult();
            }
        };
        await laptop.DisposeAsync();
        Assert.Single(await stream.GetAllSubscriptionHandles());
        await phone.DisposeAsync();
        await Await.Signal(unsubscribed.Task, "the gateway to unsubscribe alice's stream after her last socket closed");
        Assert.Empty(await stream.GetAllSubscriptionHandles());
    }

    [Fact]
    public async Task Reconnect_WithCursors_ReceivesEveryMissedMessageInOrderOnce()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        await using var a = await ConnectAsync(alice, "alice");
        var b = await ConnectAsync(bob, "bob");
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        await Conversation.SendAsync(a, conversationId, "before");
        var seen = (long)(await Conversation.NextMessageAsync(b, "first message at bob"))["seq"]!;
        await b.DisposeAsync();

        for (var i = 0; i < 5; i++)
        {
            await Conversation.SendAsync(a, conversationId, $"missed {i}");
        }

        await using var again = await WsClient.ConnectAsync(Gateway.WebSocketUri, "bob-again");
        var (replayed, frame) = await again.AuthAndCollectSyncAsync(bob.Token, new Dictionary<string, long> { [conversationId] = seen });

        Assert.All(replayed, f => Assert.Equal("message", (string?)f["type"]));
        Assert.Equal([2L, 3, 4, 5, 6], replayed.Select(f => (long)f["message"]!["seq"]!));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"missed {i}"), replayed.Select(f => (string)f["message"]!["text"]!));
        Assert.True((bool)frame["complete"]!);
        Assert.Equal(6, (long)frame["cursors"]![conversationId]!);

        await Conversation.SendAsync(a, conversationId, "live again");
        Assert.Equal(7, (long)(await Conversation.NextMessageAsync(again, "live message after catch-up"))["seq"]!);
    }

    [Fact]
    public async Task Sync_BeyondItsBudget_IsIncompleteAndContinuesFromReturnedCursors()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        await using var a = await ConnectAsync(alice, "alice");
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        for (var i = 1; i <= 130; i++)
        {
            await Conversation.SendAsync(a, conversationId, $"m{i}");
        }

        await using var b = await WsClient.ConnectAsync(Gateway.WebSocketUri, "bob");
        var first = await b.AuthAndSyncAsync(bob.Token);
        var firstBatch = b.Drain();
        var cursors = first["cursors"]!.AsObject().ToDictionary(p => p.Key, p => (long)p.Value!);
        await b.SendAsync(new { type = "sync", cursors });
        var second = await b.WaitForAsync("sync_done", "second sync_done");

        Assert.False((bool)first["complete"]!);
        Assert.Equal(100, cursors[conversationId]);
        Assert.True((bool)second["complete"]!);
        Assert.Equal(130, (long)second["cursors"]![conversationId]!);
    }

    [Fact]
    public async Task EventsArrivingWhileAuthenticating_NeverPrecedeReady()
    {
        // Events reach the gateway as soon as auth attaches the socket to the user's stream, one grain call before
        // 'ready' is written. A publisher keeps one event at a time in flight (paced by another device of the same
        // user receiving it) while new sockets authenticate; each socket's first frame must still be 'ready'. The
        // window is a small part of each stream poll (about 1 attempt in 80 hit it before the fix), hence many attempts.
        var bob = await Accounts.CreateAsync(Gateway);
        await using var observer = await ConnectAsync(bob, "bob's other device");
        var stream = Gateway.ClusterClient.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(bob.UserId));
        using var stop = new CancellationTokenSource();
        var publisher = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var view = new ConversationView($"dm_{i:x32}", ConversationKind.Direct, [bob.UserId, "u_other"], 0, DateTimeOffset.UtcNow);
                await stream.OnNextAsync(new ConversationStarted(view));
                await observer.WaitForAsync("conversation_started", $"published event {i} at the other device",
                    f => (string?)f["conversation"]!["conversationId"] == view.ConversationId);
            }
        });

        List<string?> firstFrames = [];
        try
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                await using var socket = await WsClient.ConnectAsync(Gateway.WebSocketUri, $"bob attempt {attempt}");
                await socket.SendAsync(new { type = "auth", token = bob.Token });
                firstFrames.Add((string?)(await socket.NextAsync("the first frame after auth"))["type"]);
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        await Await.Signal(publisher, "the event publisher to stop");
        Assert.All(firstFrames, type => Assert.Equal("ready", type));
    }

    [Fact]
    public async Task Sync_WithCursorBeyondTheEnd_IsClampedSoLiveMessagesStillArrive()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        await using var a = await ConnectAsync(alice, "alice");
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        await Conversation.SendAsync(a, conversationId, "one");

        await using var b = await WsClient.ConnectAsync(Gateway.WebSocketUri, "bob");
        var done = await b.AuthAndSyncAsync(bob.Token, new Dictionary<string, long> { [conversationId] = 1000 });
        await Conversation.SendAsync(a, conversationId, "two");
        var live = await Conversation.NextMessageAsync(b, "the next live message after a too-high cursor");

        Assert.Equal(1, (long)done["cursors"]![conversationId]!);
        Assert.Equal((2L, "two"), ((long)live["seq"]!, (string)live["text"]!));
    }

    [Fact]
    public async Task Send_RetriedWithSameClientMessageId_ReturnsOriginalSeqAndStoresOnce()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        await using var a = await ConnectAsync(alice, "alice");
        var conversationId = await Conversation.OpenDirectAsync(a, bob);

        var first = await Conversation.SendAsync(a, conversationId, "once", "client-id-1");
        var retry = await Conversation.SendAsync(a, conversationId, "once", "client-id-1");
        await a.SendAsync(new { type = "history", conversationId });
        var history = await a.WaitForAsync("history", "history after the retry");

        Assert.Equal((long)first["seq"]!, (long)retry["seq"]!);
        Assert.False((bool)first["duplicate"]!);
        Assert.True((bool)retry["duplicate"]!);
        Assert.Single(history["messages"]!.AsArray());
    }

    [Fact]
    public async Task HistoryAndInbox_ArePagedAndReflectReadMarkers()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        await using var a = await ConnectAsync(alice, "alice");
        await using var b = await ConnectAsync(bob, "bob");
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        for (var i = 1; i <= 5; i++)
        {
            await Conversation.SendAsync(a, conversationId, $"m{i}");
        }

        await b.SendAsync(new { type = "history", id = "h", conversationId, before = 5, limit = 2 });
        var page = await b.WaitForAsync("history", "history page");
        await b.SendAsync(new { type = "read", id = "r", conversationId, seq = 3 });
        await b.WaitForAsync("ok", "ok for read");
        await b.SendAsync(new { type = "ack", id = "k", conversationId, seq = 5 });
        await b.WaitForAsync("ok", "ok for ack");
        await b.SendAsync(new { type = "inbox", id = "i", limit = 10 });
        var inbox = await b.WaitForAsync("inbox", "inbox page");

        Assert.Equal([3L, 4], page["messages"]!.AsArray().Select(m => (long)m!["seq"]!));
        Assert.True((bool)page["hasMore"]!);
        var entry = inbox["entries"]!.AsArray().Single()!;
        Assert.Equal((conversationId, 5L, 3L, 2L, "m5"),
            ((string)entry["conversationId"]!, (long)entry["lastSeq"]!, (long)entry["readSeq"]!, (long)entry["unreadCount"]!, (string)entry["preview"]!["text"]!));
        Assert.Equal(alice.UserId, (string)entry["otherMemberIds"]![0]!);
    }

    [Fact]
    public async Task GatewayDies_ClientReconnectsToAnotherGatewayAndCatchesUp()
    {
        var second = await fixture.StartGatewayAsync();
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        await using var a = await ConnectAsync(alice, "alice");
        var b = await ConnectAsync(bob, "bob-on-second-gateway", gateway: second);
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        await Conversation.SendAsync(a, conversationId, "one");
        var cursor = (long)(await Conversation.NextMessageAsync(b, "first message on the second gateway"))["seq"]!;

        await second.App.StopAsync();
        await b.WaitClosedAsync("the dying gateway to drop bob's socket");
        await b.DisposeAsync();
        for (var i = 0; i < 3; i++)
        {
            await Conversation.SendAsync(a, conversationId, $"while away {i}");
        }

        await using var back = await WsClient.ConnectAsync(Gateway.WebSocketUri, "bob-on-first-gateway");
        var (frames, done) = await back.AuthAndCollectSyncAsync(bob.Token, new Dictionary<string, long> { [conversationId] = cursor });

        Assert.Equal([2L, 3, 4], frames.Select(f => (long)f["message"]!["seq"]!));
        Assert.True((bool)done["complete"]!);
    }

    [Fact]
    public async Task SignOut_ClosesLiveSocketsOfThatSessionAndRevokesToken()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        await using var a = await ConnectAsync(alice, "alice");
        using var http = Gateway.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", alice.Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/v1/me")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await http.DeleteAsync("/v1/sessions/current")).StatusCode);

        Assert.Equal(4003, (int?)await a.WaitClosedAsync("close 4003 after sign-out"));
        var after = await http.GetAsync("/v1/me");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("unauthorized", (string?)(await after.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
    }
}
