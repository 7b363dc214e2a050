using Microsoft.Extensions.DependencyInjection;
using OrleansDirect.Conversations;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansDirect.Tests;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Durable")]
public sealed class RestartTests(PostgresFixture fixture)
{
    [Fact]
    public async Task FullRestart_KeepsAccountsSessionsConversationsHistoryAndInbox()
    {
        var deployment = await fixture.NewDeploymentAsync();
        TestUser alice, bob;
        string conversationId;

        await using (var before = await LocalSystem.StartAsync(silos: 2, deployment.Silo, deployment.Gateway))
        {
            var gateway = await before.StartGatewayAsync();
            alice = await Accounts.CreateAsync(gateway);
            bob = await Accounts.CreateAsync(gateway);
            await using var a = await WsClient.ConnectAsync(gateway.WebSocketUri, "alice");
            await a.AuthAndSyncAsync(alice.Token);
            await using var b = await WsClient.ConnectAsync(gateway.WebSocketUri, "bob");
            await b.AuthAndSyncAsync(bob.Token);
            conversationId = await Conversation.OpenDirectAsync(a, bob);
            for (var i = 1; i <= 3; i++)
            {
                await Conversation.SendAsync(a, conversationId, $"durable {i}", $"c{i}");
            }

            await b.SendAsync(new { type = "read", id = "r", conversationId, seq = 2 });
            await b.WaitForAsync("ok", "bob's read marker stored");
        }

        // Every silo and gateway is gone; everything must come back from PostgreSQL.
        await using var after = await LocalSystem.StartAsync(silos: 2, deployment.Silo, deployment.Gateway);
        var restarted = await after.StartGatewayAsync();

        await using var bobAgain = await WsClient.ConnectAsync(restarted.WebSocketUri, "bob-after-restart");
        var (frames, done) = await bobAgain.AuthAndCollectSyncAsync(bob.Token, new Dictionary<string, long>());
        await bobAgain.SendAsync(new { type = "inbox" });
        var inbox = await bobAgain.WaitForAsync("inbox", "bob's inbox after the restart");

        Assert.Equal(["durable 1", "durable 2", "durable 3"], frames.Select(f => (string)f["message"]!["text"]!));
        Assert.True((bool)done["complete"]!);
        var entry = inbox["entries"]!.AsArray().Single()!;
        Assert.Equal((conversationId, 3L, 2L, 1L), ((string)entry["conversationId"]!, (long)entry["lastSeq"]!, (long)entry["readSeq"]!, (long)entry["unreadCount"]!));

        var signIn = await Accounts.SignInAsync(restarted, alice.Handle);
        Assert.Equal(alice.UserId, signIn.UserId);
        using var http = restarted.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", alice.Token);
        Assert.Equal(alice.UserId, (string?)(await http.GetFromJsonAsync<JsonObject>("/v1/me"))!["userId"]);

        // The conversation keeps its counter and its idempotency window across the restart.
        await using var aliceAgain = await WsClient.ConnectAsync(restarted.WebSocketUri, "alice-after-restart");
        await aliceAgain.AuthAndSyncAsync(alice.Token, new Dictionary<string, long> { [conversationId] = 3 });
        var retried = await Conversation.SendAsync(aliceAgain, conversationId, "durable 3", "c3");
        var next = await Conversation.SendAsync(aliceAgain, conversationId, "after restart");
        Assert.Equal((3L, true), ((long)retried["seq"]!, (bool)retried["duplicate"]!));
        Assert.Equal(4, (long)next["seq"]!);
    }

    [Fact]
    public async Task FullRestart_KeepsFollowsBlocksSettingsHiddenWordsRequestsAndReports()
    {
        var deployment = await fixture.NewDeploymentAsync();
        TestUser alice, bob, carol, dave;
        string request, blockedConversation, reportId;

        await using (var before = await LocalSystem.StartAsync(silos: 2, deployment.Silo, deployment.Gateway))
        {
            var gateway = await before.StartGatewayAsync();
            (alice, bob, carol, dave) = (await Accounts.CreateAsync(gateway), await Accounts.CreateAsync(gateway), await Accounts.CreateAsync(gateway), await Accounts.CreateAsync(gateway));
            await using var b = await WsClient.ConnectAsync(gateway.WebSocketUri, "bob");
            await b.AuthAndSyncAsync(bob.Token);
            await using var c = await WsClient.ConnectAsync(gateway.WebSocketUri, "carol");
            await c.AuthAndSyncAsync(carol.Token);
            await using var d = await WsClient.ConnectAsync(gateway.WebSocketUri, "dave");
            await d.AuthAndSyncAsync(dave.Token);

            await Conversation.RequestAsync(b, "s", new { type = "update_settings", id = "s", readReceipts = "private", linkPreviews = false });
            await Conversation.RequestAsync(b, "w", new { type = "update_hidden_words", id = "w", add = new[] { "lottery" } });
            await Conversation.RequestAsync(b, "f", new { type = "follow", id = "f", userId = alice.UserId });
            request = await Conversation.OpenAsync(c, bob);
            await Conversation.SendAsync(c, request, "hello from carol");
            blockedConversation = await Conversation.OpenDirectAsync(d, bob);
            await Conversation.SendAsync(d, blockedConversation, "rude");
            await Conversation.RequestAsync(b, "blk", new { type = "block", id = "blk", userId = dave.UserId });
            var reported = await Conversation.RequestAsync(b, "rp",
                new { type = "report", id = "rp", target = "message", reason = "harassment", conversationId = blockedConversation, seq = 1 });
            reportId = (string)reported["reportId"]!;
        }

        await using var after = await LocalSystem.StartAsync(silos: 2, deployment.Silo, deployment.Gateway);
        var restarted = await after.StartGatewayAsync();
        await using var bobAgain = await WsClient.ConnectAsync(restarted.WebSocketUri, "bob-after-restart");
        await bobAgain.AuthAndSyncAsync(bob.Token);
        await using var daveAgain = await WsClient.ConnectAsync(restarted.WebSocketUri, "dave-after-restart");
        await daveAgain.AuthAndSyncAsync(dave.Token);

        var settings = await Conversation.RequestAsync(bobAgain, "gs", new { type = "get_settings", id = "gs" });
        var words = await Conversation.RequestAsync(bobAgain, "gw", new { type = "get_hidden_words", id = "gw" });
        var following = await Conversation.RequestAsync(bobAgain, "lf", new { type = "list", id = "lf", list = "following" });
        var blocked = await Conversation.RequestAsync(bobAgain, "lb", new { type = "list", id = "lb", list = "blocked" });
        var requests = await Conversation.RequestAsync(bobAgain, "rq", new { type = "inbox", id = "rq", folder = "requests" });
        var refused = await Conversation.RequestAsync(daveAgain, "x", new { type = "send", id = "x", conversationId = blockedConversation, clientMessageId = "x1", text = "again" });

        Assert.Equal(("private", false), ((string?)settings["readReceipts"], (bool)settings["linkPreviews"]!));
        Assert.Equal("lottery", (string?)words["words"]![0]);
        Assert.Equal(alice.UserId, (string?)following["users"]![0]!["userId"]);
        Assert.Equal(dave.UserId, (string?)blocked["users"]![0]!["userId"]);
        Assert.Equal(request, (string?)requests["entries"]![0]!["conversationId"]);
        Assert.Equal("cannot_message", (string?)refused["code"]);

        using var http = restarted.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new("Operator", TestSettings.OperatorKey);
        var report = await http.GetFromJsonAsync<JsonObject>($"/v1/operator/reports/{reportId}");
        Assert.Equal("rude", (string?)report!["evidence"]![0]!["text"]);
    }

    [Fact]
    public async Task FullRestart_KeepsGroupsWithRolesMembersAndHistoryWindows()
    {
        var deployment = await fixture.NewDeploymentAsync();
        TestUser admin, member, removed;
        string groupId;

        await using (var before = await LocalSystem.StartAsync(silos: 2, deployment.Silo, deployment.Gateway))
        {
            var gateway = await before.StartGatewayAsync();
            (admin, member, removed) = (await Accounts.CreateAsync(gateway), await Accounts.CreateAsync(gateway), await Accounts.CreateAsync(gateway));
            await using var a = await WsClient.ConnectAsync(gateway.WebSocketUri, "admin");
            await a.AuthAndSyncAsync(admin.Token);
            var created = await Conversation.RequestAsync(a, "c", new { type = "create_group", id = "c", name = "durable group", userIds = new[] { member.UserId, removed.UserId } });
            groupId = (string)created["conversation"]!["conversationId"]!;
            await Conversation.SendAsync(a, groupId, "before the removal");
            await Conversation.RequestAsync(a, "rm", new { type = "remove_member", id = "rm", conversationId = groupId, userId = removed.UserId });
            await Conversation.SendAsync(a, groupId, "after the removal");
        }

        await using var after = await LocalSystem.StartAsync(silos: 2, deployment.Silo, deployment.Gateway);
        var restarted = await after.StartGatewayAsync();
        await using var m = await WsClient.ConnectAsync(restarted.WebSocketUri, "member-after-restart");
        await m.AuthAndSyncAsync(member.Token);
        await using var r = await WsClient.ConnectAsync(restarted.WebSocketUri, "removed-after-restart");
        await r.AuthAndSyncAsync(removed.Token);

        var memberHistory = await Conversation.RequestAsync(m, "h", new { type = "history", id = "h", conversationId = groupId });
        var removedHistory = await Conversation.RequestAsync(r, "h", new { type = "history", id = "h", conversationId = groupId });
        var posted = await Conversation.SendAsync(m, groupId, "still a member");
        var refused = await Conversation.RequestAsync(r, "s", new { type = "send", id = "s", conversationId = groupId, clientMessageId = "x", text = "let me back" });

        Assert.Contains("after the removal", memberHistory["messages"]!.AsArray().Select(x => (string?)x!["text"]));
        Assert.Equal("removed", (string?)removedHistory["messages"]!.AsArray()[^1]!["event"]!["kind"]);
        Assert.DoesNotContain("after the removal", removedHistory["messages"]!.AsArray().Select(x => (string?)x!["text"]));
        Assert.Equal(5, (long)posted["seq"]!);
        Assert.Equal("not_found", (string?)refused["code"]);
        var inbox = await Conversation.RequestAsync(m, "i", new { type = "inbox", id = "i", folder = "requests" });
        Assert.Equal("durable group", (string?)inbox["entries"]!.AsArray().Concat((await Conversation.RequestAsync(m, "i2", new { type = "inbox", id = "i2" }))["entries"]!.AsArray()).First()!["name"]);
    }

    [Fact]
    public async Task DisappearingMessages_ArePurgedAfterAFullRestart_ByTheStoredReminder()
    {
        var deployment = await fixture.NewDeploymentAsync();
        TestUser alice, bob;
        string conversationId;
        long seq;

        await using (var before = await LocalSystem.StartAsync(silos: 1, deployment.Silo, deployment.Gateway))
        {
            var gateway = await before.StartGatewayAsync();
            (alice, bob) = (await Accounts.CreateAsync(gateway), await Accounts.CreateAsync(gateway));
            await using var a = await WsClient.ConnectAsync(gateway.WebSocketUri, "alice");
            await a.AuthAndSyncAsync(alice.Token);
            conversationId = await Conversation.OpenDirectAsync(a, bob);
            await Conversation.RequestAsync(a, "d", new { type = "set_disappearing", id = "d", conversationId, mode = "after_send", timerSeconds = 10 });
            seq = (long)(await Conversation.SendAsync(a, conversationId, "gone after ten seconds"))["seq"]!;
        }

        // Nothing runs while the system is down; the reminder row in PostgreSQL is all that remembers the purge.
        await using var after = await LocalSystem.StartAsync(silos: 1, deployment.Silo, deployment.Gateway);
        var restarted = await after.StartGatewayAsync();
        await using var b = await WsClient.ConnectAsync(restarted.WebSocketUri, "bob-after-restart");
        await b.AuthAndSyncAsync(bob.Token);

        var segment = after.SiloServices(0).GetRequiredService<IGrainFactory>().GetGrain<IMessageSegmentGrain>(IMessageSegmentGrain.KeyFor(conversationId, seq));
        if (!(await segment.ReadAsync(seq, seq)).Single().Expired)
        {
            var expired = await b.WaitForAsync("messages_expired", "the purge after the restart");
            Assert.Contains(seq, expired["seqs"]!.AsArray().Select(x => (long)x!));
        }

        var stored = (await segment.ReadAsync(seq, seq)).Single();
        Assert.Equal(("", true), (stored.Text, stored.Expired));
        var history = await Conversation.RequestAsync(b, "h", new { type = "history", id = "h", conversationId });
        Assert.DoesNotContain(history["messages"]!.AsArray(), m => ((string?)m!["text"])!.Contains("ten seconds", StringComparison.Ordinal));
    }
}
