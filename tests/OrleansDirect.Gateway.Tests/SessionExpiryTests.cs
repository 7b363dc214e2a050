namespace OrleansDirect.Tests;

/// <summary>Needs its own silos: sessions there last five seconds.</summary>
[Trait("Category", "Gateway")]
public sealed class SessionExpiryTests
{
    [Fact]
    public async Task OpenSocket_IsClosedWith4003WhenItsSessionExpires_AndTheTokenStopsWorking()
    {
        var settings = new Dictionary<string, string?>(TestSettings.Silo) { ["Accounts:SessionLifetime"] = "00:00:05" };
        await using var system = await LocalSystem.StartAsync(silos: 1, settings, GatewayFixture.GatewaySettings);
        var gateway = await system.StartGatewayAsync();
        var alice = await Accounts.CreateAsync(gateway);
        await using var socket = await WsClient.ConnectAsync(gateway.WebSocketUri, "alice");
        await socket.AuthAndSyncAsync(alice.Token);

        Assert.Equal(4003, (int?)await socket.WaitClosedAsync("close 4003 when the five-second session expires"));

        await using var again = await WsClient.ConnectAsync(gateway.WebSocketUri, "alice-again");
        await again.SendAsync(new { type = "auth", token = alice.Token });
        Assert.Equal("auth_failed", (string?)(await again.ExpectAsync("error", "auth_failed for the expired token"))["code"]);
    }
}
