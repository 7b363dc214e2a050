using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansDirect.Tests;

/// <summary>The privacy rules over the real WebSocket protocol and HTTP API, as docs/protocol.md describes them.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Gateway")]
public sealed class PrivacyTests(GatewayFixture fixture)
{
    private RunningGateway Gateway => fixture.Gateway;

    private async Task<(TestUser User, WsClient Client)> UserAsync(string name)
    {
        var user = await Accounts.CreateAsync(Gateway);
        var client = await WsClient.ConnectAsync(Gateway.WebSocketUri, name);
        await client.AuthAndSyncAsync(user.Token);
        return (user, client);
    }

    private static Task<JsonObject> RequestAsync(WsClient client, object frame, string id) => Conversation.RequestAsync(client, id, frame);

    private static async Task OkAsync(WsClient client, object frame, string id)
    {
        var reply = await RequestAsync(client, frame, id);
        Assert.True((string?)reply["type"] == "ok", $"{client.Name}: expected ok for {id}, got {reply.ToJsonString()}");
    }

    private static async Task<string?> ErrorCodeAsync(WsClient client, object frame, string id) => (string?)(await RequestAsync(client, frame, id))["code"];

    private static async Task<JsonObject> SendAsync(WsClient client, string conversationId, string text, object? linkPreview = null)
    {
        var id = Guid.NewGuid().ToString("N");
        return await RequestAsync(client, new { type = "send", id, conversationId, clientMessageId = id, text, linkPreview }, id);
    }

    private Task<List<JsonObject>> UntilSentinelAsync(WsClient client, string userId) => Conversation.UntilSentinelAsync(Gateway, client, userId);

    [Fact]
    public async Task FollowAndLists_WorkByHandleAndAreOwnerOnly()
    {
        var (alice, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;

        await OkAsync(a, new { type = "follow", id = "f", handle = bob.Handle }, "f");
        var following = await RequestAsync(a, new { type = "list", id = "l1", list = "following" }, "l1");
        var followers = await RequestAsync(b, new { type = "list", id = "l2", list = "followers", limit = 10 }, "l2");

        Assert.Equal("user_list", (string?)following["type"]);
        Assert.Equal(bob.Handle, (string?)following["users"]![0]!["handle"]);
        Assert.Equal(alice.UserId, (string?)followers["users"]![0]!["userId"]);
        Assert.Equal(1, (long)followers["total"]!);
        Assert.Equal("cannot_target_self", await ErrorCodeAsync(a, new { type = "follow", id = "self", userId = alice.UserId }, "self"));
        await OkAsync(a, new { type = "unfollow", id = "u", userId = bob.UserId }, "u");
        Assert.Empty((await RequestAsync(b, new { type = "list", id = "l3", list = "followers" }, "l3"))["users"]!.AsArray());
    }

    [Fact]
    public async Task WhoCanMessage_Followers_RefusesStrangersAndAdmitsFollowers()
    {
        var (alice, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;
        await RequestAsync(b, new { type = "update_settings", id = "s", whoCanMessage = "followers" }, "s");

        Assert.Equal("cannot_message", await ErrorCodeAsync(a, new { type = "open_direct", id = "o1", userId = bob.UserId }, "o1"));
        await OkAsync(a, new { type = "follow", id = "f", userId = bob.UserId }, "f");
        var opened = await RequestAsync(a, new { type = "open_direct", id = "o2", userId = bob.UserId }, "o2");

        Assert.Equal("conversation", (string?)opened["type"]);
        Assert.Equal(alice.UserId, (string?)opened["conversation"]!["memberIds"]![0]);
    }

    [Fact]
    public async Task Settings_HaveDocumentedDefaults_AndUpdatesArePartial()
    {
        var (_, a) = await UserAsync("alice");
        await using var _ = a;

        var defaults = await RequestAsync(a, new { type = "get_settings", id = "g" }, "g");
        var updated = await RequestAsync(a, new { type = "update_settings", id = "u", whoCanMessage = "mutuals", readReceipts = "private" }, "u");

        Assert.Equal(("everyone", true, "on", true, true),
            ((string?)defaults["whoCanMessage"], (bool)defaults["newAccountsNeedApproval"]!, (string?)defaults["readReceipts"], (bool)defaults["linkPreviews"]!, (bool)defaults["defaultHiddenWords"]!));
        Assert.Equal(("mutuals", "private", true), ((string?)updated["whoCanMessage"], (string?)updated["readReceipts"], (bool)updated["linkPreviews"]!));
    }

    [Fact]
    public async Task Request_IsOneMessageInRequests_UntilAccepted()
    {
        var (alice, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;

        var conversationId = await Conversation.OpenAsync(a, bob);
        Assert.DoesNotContain(await UntilSentinelAsync(b, bob.UserId), f => (string?)f["conversationId"] == conversationId
            || (string?)f["conversation"]?["conversationId"] == conversationId);

        Assert.Equal("sent", (string?)(await SendAsync(a, conversationId, "hi, may I write? https://example.org"))["type"]);
        var started = await b.WaitForAsync("conversation_started", "bob learns of the request with its message");
        var request = await b.WaitForAsync("message", "the request's message");
        Assert.Equal("requests", (string?)started["conversation"]!["folder"]);
        Assert.Equal(("requests", true), ((string?)request["folder"], (bool?)request["message"]!["request"]));
        Assert.Equal("request_pending", (string?)(await SendAsync(a, conversationId, "hello??"))["code"]);

        var inbox = await RequestAsync(b, new { type = "inbox", id = "i" }, "i");
        var requests = await RequestAsync(b, new { type = "inbox", id = "r", folder = "requests" }, "r");
        Assert.Empty(inbox["entries"]!.AsArray());
        Assert.Equal("requests", (string?)requests["entries"]![0]!["folder"]);

        await OkAsync(b, new { type = "accept_request", id = "acc", conversationId }, "acc");
        Assert.Equal("inbox", (string?)(await b.WaitForAsync("conversation_updated", "bob's view after accepting"))["conversation"]!["folder"]);
        Assert.Equal("sent", (string?)(await SendAsync(a, conversationId, "thanks!"))["type"]);
        var next = await b.WaitForAsync("message", "alice's second message", f => (string?)f["message"]!["text"] == "thanks!");
        Assert.Equal("inbox", (string?)next["folder"]);
        Assert.Null(next["message"]!["request"]);
    }

    [Fact]
    public async Task Decline_RemovesTheRequest_AndTheSenderHearsNothing()
    {
        var (alice, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;
        var conversationId = await Conversation.OpenAsync(a, bob);
        await SendAsync(a, conversationId, "hi");
        await b.WaitForAsync("message", "the request");

        await OkAsync(b, new { type = "decline_request", id = "d", conversationId }, "d");

        Assert.Equal(conversationId, (string?)(await b.WaitForAsync("conversation_removed", "bob's request leaves his lists"))["conversationId"]);
        Assert.DoesNotContain(await UntilSentinelAsync(a, alice.UserId), f => (string?)f["type"] is "conversation_removed" or "conversation_updated" or "read_marker");
        Assert.Equal("request_pending", (string?)(await SendAsync(a, conversationId, "hello?"))["code"]);
        Assert.Empty((await RequestAsync(b, new { type = "inbox", id = "r", folder = "requests" }, "r"))["entries"]!.AsArray());
    }

    [Fact]
    public async Task Block_RefusesBothWays_AndLooksLikeAClosedAccount()
    {
        var (alice, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        var (carol, c) = await UserAsync("carol");
        await using var _ = a;
        await using var __ = b;
        await using var ___ = c;
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        Assert.Equal("off", (string?)(await RequestAsync(c, new { type = "update_settings", id = "s", whoCanMessage = "off" }, "s"))["whoCanMessage"]);

        await OkAsync(b, new { type = "block", id = "blk", userId = alice.UserId }, "blk");

        var blocked = await SendAsync(a, conversationId, "hello?");
        await a.SendAsync(new { type = "open_direct", id = "closed", userId = carol.UserId });
        var closed = await a.WaitForAsync("error", "carol's closed door", f => (string?)f["replyTo"] == "closed");
        Assert.Equal("cannot_message", (string?)blocked["code"]);
        Assert.Equal((string?)closed["code"], (string?)blocked["code"]);
        Assert.Equal((string?)closed["message"], (string?)blocked["message"]);
        Assert.Equal("blocked_by_you", (string?)(await SendAsync(b, conversationId, "hi"))["code"]);
        Assert.Equal(alice.UserId, (string?)(await RequestAsync(b, new { type = "list", id = "l", list = "blocked" }, "l"))["users"]![0]!["userId"]);

        await OkAsync(b, new { type = "unblock", id = "ub", handle = alice.Handle }, "ub");
        Assert.Equal("sent", (string?)(await SendAsync(a, conversationId, "back again"))["type"]);
    }

    [Fact]
    public async Task RestrictAndMute_FlagWhereMessagesLandAndWhetherToNotify()
    {
        var (alice, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;
        var conversationId = await Conversation.OpenDirectAsync(a, bob);

        await OkAsync(b, new { type = "restrict", id = "r", userId = alice.UserId }, "r");
        Assert.Equal("requests", (string?)(await b.WaitForAsync("conversation_updated", "bob's view after restricting"))["conversation"]!["folder"]);
        await SendAsync(a, conversationId, "quietly");
        Assert.Equal("requests", (string?)(await b.WaitForAsync("message", "a restricted account's message"))["folder"]);

        await OkAsync(b, new { type = "unrestrict", id = "ur", userId = alice.UserId }, "ur");
        await OkAsync(b, new { type = "mute", id = "m", conversationId, muted = true }, "m");
        await SendAsync(a, conversationId, "muted");
        var muted = await b.WaitForAsync("message", "a message in a muted conversation", f => (string?)f["message"]!["text"] == "muted");
        Assert.Equal(("inbox", true), ((string?)muted["folder"], (bool?)muted["muted"]));
        Assert.True((bool)(await RequestAsync(b, new { type = "inbox", id = "i" }, "i"))["entries"]![0]!["muted"]!);
    }

    [Fact]
    public async Task ReadReceiptsAndTyping_ReachTheOtherSideOnlyWhileBothAllowThem()
    {
        var (alice, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        var seq = (long)(await SendAsync(a, conversationId, "one"))["seq"]!;

        await OkAsync(b, new { type = "read", id = "rd", conversationId, seq }, "rd");
        await OkAsync(b, new { type = "typing", id = "t", conversationId, active = true }, "t");
        var marker = await a.WaitForAsync("read_marker", "bob's read receipt");
        var typing = await a.WaitForAsync("typing", "bob typing");
        Assert.Equal((bob.UserId, seq), ((string?)marker["userId"], (long)marker["seq"]!));
        Assert.True((bool)typing["active"]!);
        var history = await RequestAsync(a, new { type = "history", id = "h", conversationId }, "h");
        Assert.Equal(seq, (long)history["readMarkers"]![0]!["seq"]!);

        Assert.Equal("off", (string?)(await RequestAsync(b, new { type = "update_settings", id = "off", readReceipts = "off" }, "off"))["readReceipts"]);
        var seq2 = (long)(await SendAsync(a, conversationId, "two"))["seq"]!;
        await OkAsync(b, new { type = "read", id = "rd2", conversationId, seq = seq2 }, "rd2");
        await OkAsync(b, new { type = "typing", id = "t2", conversationId, active = true }, "t2");
        Assert.DoesNotContain(await UntilSentinelAsync(a, alice.UserId), f => (string?)f["type"] is "read_marker" or "typing");
        Assert.Empty((await RequestAsync(a, new { type = "history", id = "h2", conversationId }, "h2"))["readMarkers"]!.AsArray());
    }

    [Fact]
    public async Task LinkPreviews_AreDeliveredOnlyToThoseWhoWantThem()
    {
        var (alice, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        var (carol, c) = await UserAsync("carol");
        await using var _ = a;
        await using var __ = b;
        await using var ___ = c;
        Assert.False((bool)(await RequestAsync(c, new { type = "update_settings", id = "np", linkPreviews = false }, "np"))["linkPreviews"]!);
        var withBob = await Conversation.OpenDirectAsync(a, bob);
        var withCarol = await Conversation.OpenDirectAsync(a, carol);
        var preview = new { url = "https://example.org/post", title = "A post", description = "Worth reading" };

        await SendAsync(a, withBob, "see https://example.org/post", preview);
        await SendAsync(a, withCarol, "see https://example.org/post", preview);

        var toBob = await b.WaitForAsync("message", "bob's copy");
        var toCarol = await c.WaitForAsync("message", "carol's copy");
        Assert.Equal("A post", (string?)toBob["message"]!["linkPreview"]!["title"]);
        Assert.Null(toCarol["message"]!["linkPreview"]);
        Assert.Equal("see https://example.org/post", (string?)toCarol["message"]!["text"]);
    }

    [Fact]
    public async Task HiddenWords_MaskMatchingRequests()
    {
        var (_, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;
        var words = await RequestAsync(b, new { type = "update_hidden_words", id = "hw", add = new[] { "Crypto Deal" } }, "hw");
        Assert.Equal("crypto deal", (string?)words["words"]![0]);

        var conversationId = await Conversation.OpenAsync(a, bob);
        await SendAsync(a, conversationId, "Amazing CRYPTO DEAL inside");

        var masked = await b.WaitForAsync("message", "the hidden request");
        Assert.Equal(("hidden_requests", true, ""), ((string?)masked["folder"], (bool?)masked["message"]!["masked"], (string?)masked["message"]!["text"]));
        var hidden = await RequestAsync(b, new { type = "inbox", id = "h", folder = "hidden_requests" }, "h");
        Assert.True((bool)hidden["entries"]![0]!["preview"]!["masked"]!);
        Assert.Equal("crypto deal", (string?)(await RequestAsync(b, new { type = "get_hidden_words", id = "g" }, "g"))["words"]![0]);
    }

    [Fact]
    public async Task Report_IsFiledOverTheWire_AndHandledByTheOperatorOverHttp()
    {
        var (alice, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        var seq = (long)(await SendAsync(a, conversationId, "something nasty"))["seq"]!;

        var reported = await RequestAsync(b, new { type = "report", id = "rp", target = "message", reason = "harassment", conversationId, seq, note = "please look", block = true }, "rp");
        var reportId = (string)reported["reportId"]!;
        Assert.Equal(("reported", true), ((string?)reported["type"], (bool)reported["blocked"]!));
        Assert.Equal("blocked_by_you", (string?)(await SendAsync(b, conversationId, "bye"))["code"]);

        using var http = Gateway.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/operator/reports")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bob.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/operator/reports")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Operator", "not-the-key-not-the-key-not-the-key");
        var forbidden = await http.GetAsync("/v1/operator/reports");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("forbidden", (string?)(await forbidden.Content.ReadFromJsonAsync<JsonObject>())!["code"]);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Operator", TestSettings.OperatorKey);
        var list = await http.GetFromJsonAsync<JsonObject>("/v1/operator/reports?open=true&limit=100");
        Assert.Contains(list!["reports"]!.AsArray(), r => (string?)r!["reportId"] == reportId);
        var report = await http.GetFromJsonAsync<JsonObject>($"/v1/operator/reports/{reportId}");
        Assert.Equal((bob.UserId, alice.UserId, "harassment", "something nasty"),
            ((string?)report!["reporterId"], (string?)report["userId"], (string?)report["reason"], (string?)report["evidence"]![0]!["text"]));

        var resolved = await http.PostAsJsonAsync($"/v1/operator/reports/{reportId}/resolution", new { outcome = "action_taken", note = "warned" });
        var again = await http.PostAsJsonAsync($"/v1/operator/reports/{reportId}/resolution", new { outcome = "no_action" });
        var badBody = await http.PostAsJsonAsync($"/v1/operator/reports/{reportId}/resolution", new { outcome = "shrug" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("action_taken", (string?)(await resolved.Content.ReadFromJsonAsync<JsonObject>())!["outcome"]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/operator/reports/rpt_nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/v1/operator/reports?limit=0")).StatusCode);
        Assert.DoesNotContain(await UntilSentinelAsync(a, alice.UserId), f => (string?)f["type"] is "conversation_updated" or "conversation_removed" or "read_marker" or "typing");
    }
}
