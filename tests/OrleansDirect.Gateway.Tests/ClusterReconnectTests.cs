using Orleans.Streams;
using OrleansDirect.Conversations;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

/// <summary>Needs its own silos, because it restarts them.</summary>
[Trait("Category", "Gateway")]
public sealed class ClusterReconnectTests
{
    [Fact]
    public async Task ClusterRestart_GatewayResubscribesAndTellsClientsToResync()
    {
        await using var system = await LocalSystem.StartAsync(silos: 1, TestSettings.Silo, GatewayFixture.GatewaySettings);
        var gateway = await system.StartGatewayAsync();
        var alice = await Accounts.CreateAsync(gateway);
        await using var socket = await WsClient.ConnectAsync(gateway.WebSocketUri, "alice");
        await socket.AuthAndSyncAsync(alice.Token);

        // Nothing else talks to the cluster meanwhile: the gateway must notice the restart on its own.
        await system.RestartSilosAsync();
        await socket.WaitForAsync("resync", "resync after the cluster came back");

        // The stream subscription was made afresh: an event published after the restart reaches the socket.
        var view = new ConversationView("dm_" + new string('0', 32), ConversationKind.Direct, [alice.UserId, "u_other"], 0, DateTimeOffset.UtcNow);
        var stream = gateway.ClusterClient.GetStreamProvider(StreamNames.Provider).GetStream<UserEvent>(StreamNames.ForUser(alice.UserId));
        await stream.OnNextAsync(new ConversationStarted(view));
        var started = await socket.WaitForAsync("conversation_started", "an event published after the restart");
        Assert.Equal(view.ConversationId, (string?)started["conversation"]!["conversationId"]);
    }
}
