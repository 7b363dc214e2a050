using System.Text.Json.Nodes;

namespace OrleansDirect.Tests;

/// <summary>Unsend, delete for me, reactions, edits and replies over the real WebSocket protocol.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Gateway")]
public sealed class MessageChangeTests(GatewayFixture fixture)
{
    private RunningGateway Gateway => fixture.Gateway;

    private async Task<(WsClient A, WsClient B, string ConversationId)> PairAsync()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        var a = await WsClient.ConnectAsync(Gateway.WebSocketUri, "alice");
        await a.AuthAndSyncAsync(alice.Token);
        var b = await WsClient.ConnectAsync(Gateway.WebSocketUri, "bob");
        await b.AuthAndSyncAsync(bob.Token);
        return (a, b, await Conversation.OpenDirectAsync(a, bob));
    }

    private static Task<JsonObject> RequestAsync(WsClient client, string id, object frame) => Conversation.RequestAsync(client, id, frame);

    [Fact]
    public async Task ReplyReactEditAndUnsend_ReachTheOtherSide()
    {
        var (a, b, conversationId) = await PairAsync();
        await using var _ = a;
        await using var __ = b;
        var original = (long)(await Conversation.SendAsync(a, conversationId, "first draft"))["seq"]!;

        var reply = await RequestAsync(b, "r", new { type = "send", id = "r", conversationId, clientMessageId = "r1", text = "answer", replyToSeq = original });
        var quoted = await a.WaitForAsync("message", "bob's reply", f => (string?)f["message"]!["text"] == "answer");
        Assert.Equal("sent", (string?)reply["type"]);
        Assert.Equal(("first draft", original), ((string?)quoted["message"]!["quote"]!["text"], (long)quoted["message"]!["replyToSeq"]!));

        Assert.Equal("ok", (string?)(await RequestAsync(b, "x", new { type = "react", id = "x", conversationId, seq = original, emoji = "🔥" }))["type"]);
        var reacted = await a.WaitForAsync("message_updated", "bob's reaction");
        Assert.Equal("🔥", (string?)reacted["message"]!["reactions"]![0]!["emoji"]);

        Assert.Equal("ok", (string?)(await RequestAsync(a, "e", new { type = "edit", id = "e", conversationId, seq = original, text = "final" }))["type"]);
        var edited = await b.WaitForAsync("message_updated", "alice's edit", f => (string?)f["message"]!["text"] == "final");
        Assert.Equal("first draft", (string?)edited["message"]!["edits"]![0]!["text"]);
        Assert.NotNull(edited["message"]!["editedAt"]);
        Assert.Equal("not_your_message", (string?)(await RequestAsync(b, "e2", new { type = "edit", id = "e2", conversationId, seq = original, text = "mine" }))["code"]);

        Assert.Equal("ok", (string?)(await RequestAsync(a, "u", new { type = "unsend", id = "u", conversationId, seq = original }))["type"]);
        var unsent = await b.WaitForAsync("message_updated", "alice's unsend", f => (bool?)f["message"]!["deleted"] == true);
        Assert.Equal("", (string?)unsent["message"]!["text"]);
        var history = await RequestAsync(b, "h", new { type = "history", id = "h", conversationId });
        Assert.True((bool)history["messages"]!.AsArray().Single(m => (long)m!["seq"]! == (long)reply["seq"]!)!["quote"]!["unavailable"]!);
    }

    [Fact]
    public async Task DeleteForMe_IsToldToMyOwnDevicesOnly()
    {
        var (a, b, conversationId) = await PairAsync();
        await using var _ = a;
        await using var __ = b;
        var seq = (long)(await Conversation.SendAsync(a, conversationId, "hide me"))["seq"]!;
        await b.WaitForAsync("message", "the message");

        Assert.Equal("ok", (string?)(await RequestAsync(b, "d", new { type = "delete_for_me", id = "d", conversationId, seq }))["type"]);

        Assert.Equal(seq, (long)(await b.WaitForAsync("message_removed", "bob's own devices drop it"))["seq"]!);
        Assert.Empty((await RequestAsync(b, "h", new { type = "history", id = "h", conversationId }))["messages"]!.AsArray());
        Assert.Single((await RequestAsync(a, "h", new { type = "history", id = "h", conversationId }))["messages"]!.AsArray());
    }

    [Fact]
    public async Task DisappearingMessages_AreAnnouncedThenPurged_OverTheWire()
    {
        var (a, b, conversationId) = await PairAsync();
        await using var _ = a;
        await using var __ = b;

        Assert.Equal("invalid_timer", (string?)(await RequestAsync(b, "bad", new { type = "set_disappearing", id = "bad", conversationId, mode = "after_send", timerSeconds = 3 }))["code"]);
        Assert.Equal("ok", (string?)(await RequestAsync(b, "d", new { type = "set_disappearing", id = "d", conversationId, mode = "after_send", timerSeconds = 2 }))["type"]);
        var switched = await a.WaitForAsync("message", "the switch, as a system message", f => f["message"]!["event"] is not null);
        Assert.Equal(("disappearing_changed", "after_send", 2L), ((string?)switched["message"]!["event"]!["kind"], (string?)switched["message"]!["event"]!["mode"], (long)switched["message"]!["event"]!["timerSeconds"]!));

        var seq = (long)(await Conversation.SendAsync(a, conversationId, "ephemeral"))["seq"]!;
        var live = await b.WaitForAsync("message", "the disappearing message", f => (string?)f["message"]!["text"] == "ephemeral");
        Assert.NotNull(live["message"]!["expiresAt"]);

        var expired = await b.WaitForAsync("messages_expired", "the purge");
        Assert.Contains(seq, expired["seqs"]!.AsArray().Select(x => (long)x!));
        var tombstone = (await RequestAsync(b, "h", new { type = "history", id = "h", conversationId }))["messages"]!.AsArray().Single(m => (long)m!["seq"]! == seq)!;
        Assert.Equal(("", true, true), ((string?)tombstone["text"], (bool?)tombstone["expired"], (bool?)tombstone["deleted"]));
        var view = await RequestAsync(a, "o", new { type = "open_direct", id = "o", userId = (string)live["message"]!["senderId"]! == a.UserId ? b.UserId : a.UserId });
        Assert.Equal(("after_send", 2L), ((string?)view["conversation"]!["disappearing"], (long)view["conversation"]!["disappearingTimerSeconds"]!));
    }
}
