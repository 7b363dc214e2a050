namespace OrleansDirect.Tests;

/// <summary>A silo and gateway with real-world rules at test scale (<see cref="TestSettings.Strict"/>).</summary>
public sealed class StrictGatewayFixture : IAsyncLifetime
{
    private LocalSystem _system = null!;

    public RunningGateway Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await LocalSystem.StartAsync(silos: 1, TestSettings.Strict, GatewayFixture.GatewaySettings);
        Gateway = await _system.StartGatewayAsync();
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();
}

/// <summary>Anti-spam limits and the new-account rule over the wire.</summary>
[Trait("Category", "Gateway")]
public sealed class StrictRulesTests(StrictGatewayFixture fixture) : IClassFixture<StrictGatewayFixture>
{
    private RunningGateway Gateway => fixture.Gateway;

    private async Task<(TestUser User, WsClient Client)> UserAsync(string name)
    {
        var user = await Accounts.CreateAsync(Gateway);
        var client = await WsClient.ConnectAsync(Gateway.WebSocketUri, name);
        await client.AuthAndSyncAsync(user.Token);
        return (user, client);
    }

    [Fact]
    public async Task RateLimitedSends_GetACodeAndRetryAfter()
    {
        var (_, a) = await UserAsync("alice");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;
        await Conversation.RequestAsync(b, "s", new { type = "update_settings", id = "s", newAccountsNeedApproval = false });
        var conversationId = await Conversation.OpenDirectAsync(a, bob);

        List<string?> outcomes = [];
        for (var i = 0; i < 4; i++)
        {
            var reply = await Conversation.RequestAsync(a, $"m{i}", new { type = "send", id = $"m{i}", conversationId, clientMessageId = $"c{i}", text = "hi" });
            outcomes.Add((string?)reply["type"] == "error" ? (string?)reply["code"] : (string?)reply["type"]);
            if ((string?)reply["code"] == "rate_limited")
            {
                Assert.True((long)reply["retryAfterMs"]! > 0, "rate_limited carries retryAfterMs");
            }
        }

        Assert.Equal(["sent", "sent", "sent", "rate_limited"], outcomes);
    }

    [Fact]
    public async Task NewAccounts_LandInRequestsEvenWhenFollowed()
    {
        var (newcomer, a) = await UserAsync("newcomer");
        var (bob, b) = await UserAsync("bob");
        await using var _ = a;
        await using var __ = b;
        var conversationId = await Conversation.OpenDirectAsync(a, bob); // bob follows the newcomer first

        await Conversation.RequestAsync(a, "m", new { type = "send", id = "m", conversationId, clientMessageId = "c1", text = "hi" });

        var message = await b.WaitForAsync("message", "the newcomer's message");
        Assert.Equal(("requests", true), ((string?)message["folder"], (bool?)message["message"]!["request"]));
        Assert.Equal(newcomer.UserId, (string?)message["message"]!["senderId"]);
    }
}
