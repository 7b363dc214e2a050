namespace OrleansDirect.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Gateway")]
public sealed class IsolationTests(GatewayFixture fixture)
{
    private RunningGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task ThirdUser_CannotReadPagePostSyncOrReceiveOthersConversation()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        var carol = await Accounts.CreateAsync(Gateway);
        await using var a = await WsClient.ConnectAsync(Gateway.WebSocketUri, "alice");
        await a.AuthAndSyncAsync(alice.Token);
        var secret = await Conversation.OpenDirectAsync(a, bob);
        await Conversation.SendAsync(a, secret, "secret");

        await using var c = await WsClient.ConnectAsync(Gateway.WebSocketUri, "carol");
        // Even a cursor naming the conversation does not make carol part of it.
        var sync = await c.AuthAndSyncAsync(carol.Token, new Dictionary<string, long> { [secret] = 0 });
        Assert.Empty(sync["cursors"]!.AsObject());

        object[] attempts =
        [
            new { type = "history", id = "h", conversationId = secret },
            new { type = "history", id = "h2", conversationId = secret, after = 0 },
            new { type = "send", id = "s", conversationId = secret, clientMessageId = "x1", text = "let me in" },
            new { type = "ack", id = "a", conversationId = secret, seq = 1 },
            new { type = "read", id = "r", conversationId = secret, seq = 1 },
        ];
        foreach (var attempt in attempts)
        {
            await c.SendAsync(attempt);
            var error = await c.ExpectAsync("error", $"carol refused: {System.Text.Json.JsonSerializer.Serialize(attempt)}");
            Assert.Equal("not_found", (string?)error["code"]);
        }

        // Alice keeps talking in the secret conversation, then writes to carol; the first thing carol receives
        // is her own conversation.
        await Conversation.SendAsync(a, secret, "still secret");
        var withCarol = await Conversation.OpenDirectAsync(a, carol);
        await Conversation.SendAsync(a, withCarol, "hello carol");
        await c.ExpectAsync("conversation_started", "carol's own conversation starting");
        var first = await c.ExpectAsync("message", "carol's first message");
        Assert.Equal(withCarol, (string?)first["conversationId"]);
        Assert.Equal("hello carol", (string?)first["message"]!["text"]);

        await a.SendAsync(new { type = "history", conversationId = secret });
        var history = await a.WaitForAsync("history", "alice's history of the secret conversation");
        Assert.Equal(["secret", "still secret"], history["messages"]!.AsArray().Select(m => (string)m!["text"]!));
    }

    [Fact]
    public async Task OpenDirect_WithOthersIds_OnlyEverOpensCallersOwnConversation()
    {
        var alice = await Accounts.CreateAsync(Gateway);
        var bob = await Accounts.CreateAsync(Gateway);
        var carol = await Accounts.CreateAsync(Gateway);
        await using var a = await WsClient.ConnectAsync(Gateway.WebSocketUri, "alice");
        await a.AuthAndSyncAsync(alice.Token);
        var aliceBob = await Conversation.OpenDirectAsync(a, bob);

        await using var c = await WsClient.ConnectAsync(Gateway.WebSocketUri, "carol");
        await c.AuthAndSyncAsync(carol.Token);
        var carolBob = await Conversation.OpenDirectAsync(c, bob);

        Assert.NotEqual(aliceBob, carolBob);
    }
}
