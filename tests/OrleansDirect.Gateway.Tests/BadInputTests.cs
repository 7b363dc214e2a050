using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using System.Text;
using OrleansDirect.Gateway.Hosting;

namespace OrleansDirect.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Gateway")]
public sealed class BadInputTests(GatewayFixture fixture)
{
    private RunningGateway Gateway => fixture.Gateway;

    private async Task<(WsClient Client, string ConversationId, TestUser Alice)> ConnectedPairAsync()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        var client = await WsClient.ConnectAsync(Gateway.WebSocketUri, "alice");
        await client.AuthAndSyncAsync(alice.Token);
        var conversationId = await Conversation.OpenDirectAsync(client, bob);
        await Conversation.SendAsync(client, conversationId, "the only message");
        await client.WaitForAsync("message", "echo of the only message");
        return (client, conversationId, alice);
    }

    /// <summary>After an error the connection must still work, and the stored history must be unchanged.</summary>
    private static async Task AssertStillUsableAndUnchangedAsync(WsClient client, string conversationId)
    {
        await client.SendAsync(new { type = "ping", id = "p" });
        await client.ExpectAsync("pong", "pong after the error");
        await client.SendAsync(new { type = "history", conversationId });
        var history = await client.ExpectAsync("history", "history after the error");
        Assert.Equal("the only message", (string)Assert.Single(history["messages"]!.AsArray())!["text"]!);
    }

    private static List<(string Frame, string Code, string? Field)> BadFrames(string conversationId) =>
    [
        ("", "bad_json", null),
        ("{not json", "bad_json", null),
        ("[1,2,3]", "bad_json", null),
        ("{\"type\":\"ping\"} trailing", "bad_json", null),
        ("{\"type\":\"ping\",\"deep\":[[[[[[[[[[1]]]]]]]]]]}", "bad_json", null),
        ("\"just a string\"", "bad_json", null),
        ("{\"id\":\"x\"}", "invalid_field", "type"),
        ("{\"type\":42}", "invalid_field", "type"),
        ("{\"type\":\"fly\"}", "unknown_type", null),
        ("{\"type\":\"ping\",\"id\":7}", "invalid_field", "id"),
        ("{\"type\":\"send\",\"clientMessageId\":\"c1\",\"text\":\"hi\"}", "invalid_field", "conversationId"),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"text\":\"hi\"}}", "invalid_field", "clientMessageId"),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"c1\",\"text\":5}}", "invalid_field", "text"),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"c1\",\"text\":\"\"}}", "empty_text", null),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"c1\",\"text\":\"{new string('x', 4097)}\"}}", "text_too_long", null),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"c1\",\"text\":\"bell\\u0007\"}}", "invalid_text", null),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"{new string('c', 65)}\",\"text\":\"hi\"}}", "invalid_client_message_id", null),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}0\",\"clientMessageId\":\"c1\",\"text\":\"hi\"}}", "invalid_field", "conversationId"),
        ("{\"type\":\"send\",\"conversationId\":\"dm_00000000000000000000000000000000\",\"clientMessageId\":\"c1\",\"text\":\"hi\"}", "not_found", null),
        ("{\"type\":\"open_direct\",\"userId\":\"\"}", "invalid_field", "userId"),
        ("{\"type\":\"open_direct\",\"userId\":\"u_x\",\"handle\":\"bob\"}", "invalid_field", "handle"),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"bad id\",\"text\":\"hi\"}}", "invalid_client_message_id", null),
        ("{\"type\":\"send\",\"conversationId\":\"not-an-id\",\"clientMessageId\":\"c1\",\"text\":\"hi\"}", "invalid_field", "conversationId"),
        ($"{{\"type\":\"history\",\"conversationId\":\"{conversationId}\",\"limit\":101}}", "invalid_field", "limit"),
        ($"{{\"type\":\"history\",\"conversationId\":\"{conversationId}\",\"before\":-1}}", "invalid_field", "before"),
        ($"{{\"type\":\"history\",\"conversationId\":\"{conversationId}\",\"before\":5,\"after\":1}}", "invalid_field", "after"),
        ($"{{\"type\":\"ack\",\"conversationId\":\"{conversationId}\",\"seq\":\"one\"}}", "invalid_field", "seq"),
        ($"{{\"type\":\"read\",\"conversationId\":\"{conversationId}\",\"seq\":99}}", "seq_out_of_range", null),
        ("{\"type\":\"inbox\",\"cursor\":\"bogus\"}", "invalid_field", "cursor"),
        ($"{{\"type\":\"inbox\",\"cursor\":\"{new string('c', 513)}\"}}", "invalid_field", "cursor"),
        ("{\"type\":\"sync\",\"cursors\":[1]}", "invalid_field", "cursors"),
        ("{\"type\":\"open_direct\"}", "invalid_field", "userId"),
        ("{\"type\":\"open_direct\",\"userId\":\"u_nobody\"}", "user_not_found", null),
        ("{\"type\":\"auth\",\"token\":\"again\"}", "already_authenticated", null),
        ("{\"type\":\"inbox\",\"folder\":\"spam\"}", "invalid_field", "folder"),
        ("{\"type\":\"follow\"}", "invalid_field", "userId"),
        ("{\"type\":\"follow\",\"userId\":\"u_nobody\"}", "user_not_found", null),
        ("{\"type\":\"block\",\"handle\":\"\"}", "invalid_field", "handle"),
        ("{\"type\":\"restrict\",\"userId\":7}", "invalid_field", "userId"),
        ("{\"type\":\"list\"}", "invalid_field", "list"),
        ("{\"type\":\"list\",\"list\":\"friends\"}", "invalid_field", "list"),
        ("{\"type\":\"list\",\"list\":\"following\",\"cursor\":\"bogus\"}", "invalid_field", "cursor"),
        ("{\"type\":\"list\",\"list\":\"blocked\",\"limit\":0}", "invalid_field", "limit"),
        ("{\"type\":\"update_settings\",\"whoCanMessage\":\"nobody\"}", "invalid_field", "whoCanMessage"),
        ("{\"type\":\"update_settings\",\"readReceipts\":1}", "invalid_field", "readReceipts"),
        ("{\"type\":\"update_settings\",\"linkPreviews\":\"yes\"}", "invalid_field", "linkPreviews"),
        ("{\"type\":\"update_hidden_words\",\"add\":[\"   \"]}", "invalid_word", null),
        ("{\"type\":\"update_hidden_words\",\"add\":\"word\"}", "invalid_field", "add"),
        ("{\"type\":\"update_hidden_words\",\"remove\":[1]}", "invalid_field", "remove"),
        ($"{{\"type\":\"update_hidden_words\",\"add\":[{string.Join(',', Enumerable.Repeat("\"w\"", 101))}]}}", "invalid_field", "add"),
        ($"{{\"type\":\"update_hidden_words\",\"add\":[\"{new string('w', 101)}\"]}}", "invalid_field", "add"),
        ($"{{\"type\":\"decline_request\",\"conversationId\":\"{conversationId}\"}}", "no_request", null),
        ("{\"type\":\"accept_request\",\"conversationId\":\"dm_00000000000000000000000000000000\"}", "not_found", null),
        ($"{{\"type\":\"mute\",\"conversationId\":\"{conversationId}\"}}", "invalid_field", "muted"),
        ($"{{\"type\":\"mute\",\"conversationId\":\"{conversationId}\",\"muted\":\"yes\"}}", "invalid_field", "muted"),
        ($"{{\"type\":\"typing\",\"conversationId\":\"{conversationId}\"}}", "invalid_field", "active"),
        ("{\"type\":\"typing\",\"conversationId\":\"dm_00000000000000000000000000000000\",\"active\":true}", "not_found", null),
        ("{\"type\":\"report\"}", "invalid_field", "target"),
        ("{\"type\":\"report\",\"target\":\"thing\",\"reason\":\"spam\"}", "invalid_field", "target"),
        ("{\"type\":\"report\",\"target\":\"account\",\"reason\":\"meh\",\"userId\":\"u_x\"}", "invalid_field", "reason"),
        ($"{{\"type\":\"report\",\"target\":\"message\",\"reason\":\"spam\",\"conversationId\":\"{conversationId}\"}}", "invalid_report", null),
        ("{\"type\":\"report\",\"target\":\"account\",\"reason\":\"spam\",\"userId\":\"u_nobody\"}", "user_not_found", null),
        ($"{{\"type\":\"report\",\"target\":\"conversation\",\"reason\":\"spam\",\"conversationId\":\"{conversationId}\",\"evidence\":[{string.Join(',', Enumerable.Range(1, 31))}]}}", "invalid_field", "evidence"),
        ($"{{\"type\":\"report\",\"target\":\"conversation\",\"reason\":\"spam\",\"conversationId\":\"{conversationId}\",\"evidence\":[0]}}", "invalid_field", "evidence"),
        ($"{{\"type\":\"report\",\"target\":\"conversation\",\"reason\":\"spam\",\"conversationId\":\"{conversationId}\",\"evidence\":[2,2]}}", "invalid_report", null),
        ($"{{\"type\":\"report\",\"target\":\"conversation\",\"reason\":\"spam\",\"conversationId\":\"{conversationId}\",\"evidence\":[9]}}", "not_found", null),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"c1\",\"text\":\"hi\",\"linkPreview\":\"x\"}}", "invalid_field", "linkPreview"),
        ($"{{\"type\":\"set_disappearing\",\"conversationId\":\"{conversationId}\",\"mode\":\"sometimes\"}}", "invalid_field", "mode"),
        ($"{{\"type\":\"set_disappearing\",\"conversationId\":\"{conversationId}\",\"mode\":\"after_seen\"}}", "invalid_timer", null),
        ($"{{\"type\":\"set_disappearing\",\"conversationId\":\"{conversationId}\",\"mode\":\"after_seen\",\"timerSeconds\":\"2\"}}", "invalid_field", "timerSeconds"),
        ($"{{\"type\":\"set_disappearing\",\"conversationId\":\"{conversationId}\",\"mode\":\"after_seen\",\"timerSeconds\":99999999999999999}}", "invalid_timer", null),
        ($"{{\"type\":\"unsend\",\"conversationId\":\"{conversationId}\"}}", "invalid_field", "seq"),
        ($"{{\"type\":\"unsend\",\"conversationId\":\"{conversationId}\",\"seq\":99}}", "message_not_found", null),
        ($"{{\"type\":\"delete_for_me\",\"conversationId\":\"{conversationId}\",\"seq\":-1}}", "invalid_field", "seq"),
        ($"{{\"type\":\"react\",\"conversationId\":\"{conversationId}\",\"seq\":1,\"emoji\":\"two words\"}}", "invalid_reaction", null),
        ($"{{\"type\":\"react\",\"conversationId\":\"{conversationId}\",\"seq\":1,\"emoji\":7}}", "invalid_field", "emoji"),
        ($"{{\"type\":\"edit\",\"conversationId\":\"{conversationId}\",\"seq\":1}}", "invalid_field", "text"),
        ($"{{\"type\":\"edit\",\"conversationId\":\"{conversationId}\",\"seq\":1,\"text\":\"\"}}", "empty_text", null),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"c1\",\"text\":\"hi\",\"replyToSeq\":99}}", "message_not_found", null),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"c1\",\"text\":\"hi\",\"replyToSeq\":\"1\"}}", "invalid_field", "replyToSeq"),
        ("{\"type\":\"create_group\",\"userIds\":[]}", "invalid_field", "name"),
        ("{\"type\":\"create_group\",\"name\":\"  \"}", "invalid_group_name", null),
        ("{\"type\":\"create_group\",\"name\":\"g\",\"userIds\":\"u_1\"}", "invalid_field", "userIds"),
        ($"{{\"type\":\"create_group\",\"name\":\"g\",\"userIds\":[{string.Join(',', Enumerable.Range(0, 257).Select(i => $"\"u_{i}\""))}]}}", "invalid_field", "userIds"),
        ($"{{\"type\":\"add_members\",\"conversationId\":\"{conversationId}\",\"userIds\":[]}}", "invalid_field", "userIds"),
        ($"{{\"type\":\"add_members\",\"conversationId\":\"{conversationId}\",\"userIds\":[\"u_x\"]}}", "wrong_kind", null),
        ("{\"type\":\"add_members\",\"conversationId\":\"g_00000000000000000000000000000000\",\"userIds\":[\"u_x\"]}", "not_found", null),
        ($"{{\"type\":\"remove_member\",\"conversationId\":\"{conversationId}\"}}", "invalid_field", "userId"),
        ($"{{\"type\":\"set_admin\",\"conversationId\":\"{conversationId}\",\"userId\":\"u_x\"}}", "invalid_field", "admin"),
        ($"{{\"type\":\"review_add\",\"conversationId\":\"{conversationId}\",\"userId\":\"u_x\",\"approve\":1}}", "invalid_field", "approve"),
        ($"{{\"type\":\"set_group_approval\",\"conversationId\":\"{conversationId}\"}}", "invalid_field", "required"),
        ($"{{\"type\":\"rename_group\",\"conversationId\":\"{conversationId}\",\"name\":\"x\"}}", "wrong_kind", null),
        ($"{{\"type\":\"leave_group\",\"conversationId\":\"{conversationId}\"}}", "wrong_kind", null),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"c1\",\"text\":\"hi\",\"linkPreview\":{{\"title\":\"t\"}}}}", "invalid_field", "linkPreview.url"),
        ($"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"c1\",\"text\":\"hi\",\"linkPreview\":{{\"url\":\"https://a.example/\",\"title\":\"t\"}}}}", "invalid_link_preview", null),
    ];

    [Fact]
    public async Task EveryBadFrame_GetsTypedErrorAndLeavesConnectionAndDataIntact()
    {
        var (client, conversationId, _) = await ConnectedPairAsync();
        await using var _ = client;

        foreach (var (frame, code, field) in BadFrames(conversationId))
        {
            await client.SendTextAsync(frame);
            var error = await client.ExpectAsync("error", $"error for {frame[..Math.Min(frame.Length, 80)]}");
            Assert.True(code == (string?)error["code"], $"{frame[..Math.Min(frame.Length, 80)]}: expected {code}, got {error.ToJsonString()}");
            Assert.Equal(field, (string?)error["field"]);
            await AssertStillUsableAndUnchangedAsync(client, conversationId);
        }
    }

    [Fact]
    public async Task ErrorFrame_EchoesRequestId()
    {
        var (client, conversationId, _) = await ConnectedPairAsync();
        await using var _ = client;

        await client.SendAsync(new { type = "send", id = "req-42", conversationId, clientMessageId = "c9", text = "" });
        var error = await client.ExpectAsync("error", "error for an empty text");

        Assert.Equal("req-42", (string?)error["replyTo"]);
    }

    [Fact]
    public async Task BinaryFrame_IsRefusedAndConnectionStaysUsable()
    {
        var (client, conversationId, _) = await ConnectedPairAsync();
        await using var _ = client;

        await client.SendRawAsync([1, 2, 3], WebSocketMessageType.Binary);

        Assert.Equal("binary_not_supported", (string?)(await client.ExpectAsync("error", "error for a binary frame"))["code"]);
        await AssertStillUsableAndUnchangedAsync(client, conversationId);
    }

    [Fact]
    public async Task OversizeFrame_IsDiscardedAndConnectionStaysUsable()
    {
        var (client, conversationId, _) = await ConnectedPairAsync();
        await using var _ = client;
        var huge = $"{{\"type\":\"send\",\"conversationId\":\"{conversationId}\",\"clientMessageId\":\"big\",\"text\":\"{new string('x', 200_000)}\"}}";

        await client.SendRawAsync(Encoding.UTF8.GetBytes(huge), WebSocketMessageType.Text);

        Assert.Equal("frame_too_large", (string?)(await client.ExpectAsync("error", "error for an oversize frame"))["code"]);
        await AssertStillUsableAndUnchangedAsync(client, conversationId);
    }

    [Fact]
    public async Task FragmentedFrame_IsReassembled_UpToExactlyTheLimit_AndOneByteMoreIsTooLarge()
    {
        var (client, conversationId, _) = await ConnectedPairAsync();
        await using var _ = client;
        var limit = new OrleansDirect.Gateway.Options.GatewayOptions().MaxFrameBytes;
        byte[] Ping(string id, int length) => Encoding.UTF8.GetBytes($"{{\"type\":\"ping\",\"id\":\"{id}\"}}".PadRight(length));
        byte[][] Split(byte[] frame) => [[], frame[..10], frame[10..(frame.Length / 2)], frame[(frame.Length / 2)..]];

        // An empty first fragment, then the rest in three: one message, answered once.
        await client.SendFragmentedAsync(Split(Ping("small", 40)));
        Assert.Equal("small", (string?)(await client.ExpectAsync("pong", "pong for a fragmented ping"))["replyTo"]);

        await client.SendFragmentedAsync(Split(Ping("edge", limit)));
        Assert.Equal("edge", (string?)(await client.ExpectAsync("pong", "pong for a ping of exactly the frame limit"))["replyTo"]);

        // One byte over, arriving in a later fragment than the one that reached the limit.
        await client.SendFragmentedAsync([.. Split(Ping("over", limit)), [(byte)' ']]);
        Assert.Equal("frame_too_large", (string?)(await client.ExpectAsync("error", "error for a fragmented frame one byte over the limit"))["code"]);
        await AssertStillUsableAndUnchangedAsync(client, conversationId);
    }

    [Fact]
    public async Task FramesBeforeAuth_AreRefusedWithNotAuthenticated()
    {
        await using var client = await WsClient.ConnectAsync(Gateway.WebSocketUri, "anonymous");

        foreach (var type in new[] { "send", "history", "inbox", "sync", "ack", "read", "open_direct" })
        {
            await client.SendAsync(new { type, id = type });
            var error = await client.ExpectAsync("error", $"error for {type} before auth");
            Assert.Equal(("not_authenticated", type), ((string?)error["code"], (string?)error["replyTo"]));
        }

        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong", "pong before auth");
    }

    [Fact]
    public async Task AuthWithBadToken_IsRefusedAndClosedWith4001()
    {
        await using var client = await WsClient.ConnectAsync(Gateway.WebSocketUri, "forger");

        await client.SendAsync(new { type = "auth", token = "odt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });

        Assert.Equal("auth_failed", (string?)(await client.ExpectAsync("error", "auth_failed"))["code"]);
        Assert.Equal(4001, (int?)await client.WaitClosedAsync("close 4001"));
    }

    [Fact]
    public async Task NoAuthWithinTimeout_ClosesWith4002()
    {
        await using var client = await WsClient.ConnectAsync(Gateway.WebSocketUri, "silent");

        Assert.Equal(4002, (int?)await client.WaitClosedAsync("close 4002 after the auth timeout"));
    }

    [Fact]
    public async Task SlowReader_OverflowsSendQueueAndIsClosedWith4004()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        await using var a = await WsClient.ConnectAsync(Gateway.WebSocketUri, "alice");
        await a.AuthAndSyncAsync(alice.Token);
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        await using var slow = await WsClient.ConnectAsync(Gateway.WebSocketUri, "slow-bob", startReading: false);
        await slow.SendAsync(new { type = "auth", token = bob.Token });
        await slow.SendAsync(new { type = "sync" });

        // Bob never reads: his socket buffer, the server's buffers and then his 16-frame send queue fill up.
        var overflowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == GatewayMetrics.OverflowsName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => overflowed.TrySetResult());
        listener.Start();
        var text = new string('z', 4000);
        var sends = 0;
        while (!overflowed.Task.IsCompleted && sends < 5000)
        {
            await Conversation.SendAsync(a, conversationId, text);
            sends++;
        }

        Assert.True(overflowed.Task.IsCompleted, $"the send queue did not overflow after {sends} sends");
        slow.StartReading();
        Assert.Equal(4004, (int?)await slow.WaitClosedAsync($"close 4004 after {sends} sends"));
    }
}
