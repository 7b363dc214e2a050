using System.Text.Json.Nodes;

namespace OrleansDirect.Tests;

/// <summary>Groups over the real WebSocket protocol, with a full 31-member group.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Gateway")]
public sealed class GroupTests(GatewayFixture fixture)
{
    private RunningGateway Gateway => fixture.Gateway;

    private async Task<List<(TestUser User, WsClient Client)>> UsersAsync(int count)
    {
        List<(TestUser, WsClient)> users = [];
        for (var i = 0; i < count; i++)
        {
            var user = await Accounts.CreateAsync(Gateway);
            var client = await WsClient.ConnectAsync(Gateway.WebSocketUri, $"member{i}");
            await client.AuthAndSyncAsync(user.Token);
            users.Add((user, client));
        }

        return users;
    }

    private static async Task DisposeAllAsync(IEnumerable<(TestUser User, WsClient Client)> users)
    {
        foreach (var (_, client) in users)
        {
            await client.DisposeAsync();
        }
    }

    private static Task<JsonObject> RequestAsync(WsClient client, string id, object frame) => Conversation.RequestAsync(client, id, frame);

    private static async Task<string> CreateAsync(WsClient creator, string name, IEnumerable<TestUser> members)
    {
        var created = await RequestAsync(creator, "create", new { type = "create_group", id = "create", name, userIds = members.Select(m => m.UserId).ToArray() });
        Assert.True((string?)created["type"] == "group_change", created.ToJsonString());
        return (string)created["conversation"]!["conversationId"]!;
    }

    private Task<List<JsonObject>> UntilSentinelAsync(WsClient client, string userId) => Conversation.UntilSentinelAsync(Gateway, client, userId);

    [Fact]
    public async Task FullGroup_EveryMemberReceivesEachMessageOnceInOrder_AndThe32ndIsRefused()
    {
        var members = await UsersAsync(32);
        try
        {
            var (creator, c) = members[0];
            var groupId = await CreateAsync(c, "thirty-one", members.Skip(1).Take(30).Select(m => m.User));
            var senders = new[] { members[0], members[5], members[30] };

            // Each sender fires its ten sends without waiting, so replies and messages interleave on its connection.
            await Task.WhenAll(senders.Select(async s =>
            {
                for (var i = 0; i < 10; i++)
                {
                    var id = $"{s.Client.Name}-{i}";
                    await s.Client.SendAsync(new { type = "send", id, conversationId = groupId, clientMessageId = id, text = id });
                }
            }));

            foreach (var (user, client) in members.Take(31))
            {
                List<long> seqs = [];
                List<string> texts = [];
                var sentReplies = 0;
                var isSender = senders.Any(s => s.Client == client);
                while (texts.Count < 30 || (isSender && sentReplies < 10))
                {
                    var frame = await client.NextAsync($"{client.Name}: {texts.Count} of 30 messages, {sentReplies} replies so far");
                    switch ((string?)frame["type"])
                    {
                        case "message" when (string?)frame["conversationId"] == groupId:
                            seqs.Add((long)frame["message"]!["seq"]!);
                            if (frame["message"]!["event"] is null)
                            {
                                texts.Add((string)frame["message"]!["text"]!);
                            }

                            break;
                        case "sent":
                            sentReplies++;
                            break;
                        case "error":
                            Assert.Fail($"{client.Name}: {frame.ToJsonString()}");
                            break;
                    }
                }

                Assert.Equal(seqs.Order(), seqs);
                Assert.Equal(seqs.Count, seqs.Distinct().Count());
                Assert.Equal(30, texts.Distinct().Count());
                Assert.DoesNotContain(await UntilSentinelAsync(client, user.UserId), f => (string?)f["type"] == "message");
            }

            var extra = await RequestAsync(c, "add", new { type = "add_members", id = "add", conversationId = groupId, userIds = new[] { members[31].User.UserId } });
            Assert.Equal("group_full", (string?)extra["code"]);
            var outsider = members[31].Client;
            Assert.Equal("not_found", (string?)(await RequestAsync(outsider, "h", new { type = "history", id = "h", conversationId = groupId }))["code"]);
            Assert.Equal("not_found", (string?)(await RequestAsync(outsider, "s", new { type = "send", id = "s", conversationId = groupId, clientMessageId = "x", text = "let me in" }))["code"]);
        }
        finally
        {
            await DisposeAllAsync(members);
        }
    }

    [Fact]
    public async Task Removal_StopsDeliveryImmediately()
    {
        var members = await UsersAsync(3);
        try
        {
            var ((_, admin), (removed, r), (_, other)) = (members[0], members[1], members[2]);
            var groupId = await CreateAsync(admin, "soon smaller", [removed, members[2].User]);

            Assert.Equal("not_admin", (string?)(await RequestAsync(other, "rm0", new { type = "remove_member", id = "rm0", conversationId = groupId, userId = removed.UserId }))["code"]);
            Assert.Equal("ok", (string?)(await RequestAsync(admin, "rm", new { type = "remove_member", id = "rm", conversationId = groupId, userId = removed.UserId }))["type"]);
            await RequestAsync(admin, "after", new { type = "send", id = "after", conversationId = groupId, clientMessageId = "after", text = "after the removal" });

            var record = await r.WaitForAsync("message", "the record of the removal", f => (string?)f["message"]!["event"]?["kind"] == "removed");
            Assert.Equal(removed.UserId, (string?)record["message"]!["event"]!["userIds"]![0]);
            Assert.DoesNotContain(await UntilSentinelAsync(r, removed.UserId), f => (string?)f["type"] == "message");
            await other.WaitForAsync("message", "the others still get messages", f => (string?)f["message"]!["text"] == "after the removal");
            var history = await RequestAsync(r, "h", new { type = "history", id = "h", conversationId = groupId });
            Assert.Equal("removed", (string?)history["messages"]!.AsArray()[^1]!["event"]!["kind"]);
        }
        finally
        {
            await DisposeAllAsync(members);
        }
    }

    [Fact]
    public async Task AdminsManageTheGroup_AndChangesAppearAsSystemMessages()
    {
        var members = await UsersAsync(3);
        try
        {
            var ((_, admin), (member, m), (newcomer, _)) = (members[0], members[1], members[2]);
            var groupId = await CreateAsync(admin, "team", [member]);
            await RequestAsync(m, "acc", new { type = "accept_request", id = "acc", conversationId = groupId });

            Assert.Equal("not_admin", (string?)(await RequestAsync(m, "rn0", new { type = "rename_group", id = "rn0", conversationId = groupId, name = "mine" }))["code"]);
            Assert.Equal("ok", (string?)(await RequestAsync(admin, "rn", new { type = "rename_group", id = "rn", conversationId = groupId, name = "the team" }))["type"]);
            Assert.Equal("ok", (string?)(await RequestAsync(admin, "ap", new { type = "set_group_approval", id = "ap", conversationId = groupId, required = true }))["type"]);
            var proposed = await RequestAsync(m, "add", new { type = "add_members", id = "add", conversationId = groupId, userIds = new[] { newcomer.UserId } });
            Assert.Equal("pending_approval", (string?)proposed["outcomes"]![0]!["outcome"]);
            var approved = await RequestAsync(admin, "rv", new { type = "review_add", id = "rv", conversationId = groupId, userId = newcomer.UserId, approve = true });
            Assert.Equal("added", (string?)approved["outcomes"]![0]!["outcome"]);
            Assert.Equal("ok", (string?)(await RequestAsync(admin, "pr", new { type = "set_admin", id = "pr", conversationId = groupId, userId = member.UserId, admin = true }))["type"]);
            Assert.Equal("invalid_group_name", (string?)(await RequestAsync(admin, "bad", new { type = "rename_group", id = "bad", conversationId = groupId, name = " " }))["code"]);

            var history = await RequestAsync(m, "h", new { type = "history", id = "h", conversationId = groupId });
            var kinds = history["messages"]!.AsArray().Select(x => (string?)x!["event"]?["kind"]).ToList();
            Assert.Equal(["created", "renamed", "approval_changed", "added", "promoted"], kinds);
            var inbox = await RequestAsync(m, "i", new { type = "inbox", id = "i" });
            Assert.Equal("the team", (string?)inbox["entries"]![0]!["name"]);
            Assert.Equal("ok", (string?)(await RequestAsync(admin, "lv", new { type = "leave_group", id = "lv", conversationId = groupId }))["type"]);
            var adminsNow = await RequestAsync(m, "h2", new { type = "history", id = "h2", conversationId = groupId });
            Assert.Equal("left", (string?)adminsNow["messages"]!.AsArray()[^1]!["event"]!["kind"]);
        }
        finally
        {
            await DisposeAllAsync(members);
        }
    }
}
