using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansDirect.Conversations;

namespace OrleansDirect.Tests;

/// <summary>Silos and gateways die with SIGKILL while clients work; nothing acknowledged may be lost or doubled.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Durable")]
public sealed class FailureTests(PostgresFixture fixture, ITestOutputHelper output)
{
    // Longer than Orleans' 30 s response timeout, so a request that hangs on the dead silo is answered first.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task KillNine_TheSiloHostingAConversation_WhileSending_AcknowledgedMessagesAreStoredOnceAndDelivered()
    {
        var deployment = await fixture.NewDeploymentAsync();
        await using var cluster = new ProcessCluster(deployment.Silo, deployment.Gateway);
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartSiloAsync();
        }

        var gateway = await cluster.StartGatewayAsync();
        var alice = await Accounts.CreateAsync(gateway.HttpUri);
        var bob = await Accounts.CreateAsync(gateway.HttpUri);
        await using var a = await WsClient.ConnectAsync(gateway.WebSocketUri, "alice");
        await a.AuthAndSyncAsync(alice.Token);
        await using var b = await WsClient.ConnectAsync(gateway.WebSocketUri, "bob");
        await b.AuthAndSyncAsync(bob.Token);
        var conversationId = await Conversation.OpenDirectAsync(a, bob);

        const int total = 40;
        const int killAfter = 10;
        var acknowledged = new Dictionary<string, long>();
        var attempts = 0;
        for (var i = 0; i < total; i++)
        {
            if (i == killAfter)
            {
                var port = await SiloPortHostingAsync(deployment, conversationId);
                var victim = cluster.Silos.Single(s => s.Port == port);
                await victim.KillAsync();
                output.WriteLine($"killed the silo on port {port}, which hosted the conversation, after {killAfter} messages");
            }

            var clientMessageId = $"k{i}";
            long seq;
            int tries;
            try
            {
                (seq, tries) = await SendUntilAcknowledgedAsync(a, conversationId, clientMessageId);
            }
            catch
            {
                WriteProcessOutput(cluster);
                throw;
            }

            acknowledged[clientMessageId] = seq;
            attempts += tries;
        }

        // Everything stored, each acknowledged message exactly once, at the sequence number it was acknowledged with.
        var history = await ReadAllHistoryAsync(a, conversationId);
        var stored = history.GroupBy(m => (string)m["clientMessageId"]!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(acknowledged.Keys.Order(), stored.Keys.Order());
        Assert.All(stored, kv => Assert.Single(kv.Value));
        Assert.All(acknowledged, kv => Assert.Equal(kv.Value, (long)stored[kv.Key][0]["seq"]!));
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), history.Select(m => (long)m["seq"]!));

        // Bob was online throughout: whatever the live feed missed, catch-up delivers.
        var live = b.Drain().Where(f => (string?)f["type"] == "message").Select(f => (long)f["message"]!["seq"]!).ToHashSet();
        var contiguous = 0L;
        while (live.Contains(contiguous + 1))
        {
            contiguous++;
        }

        await using var bobAgain = await WsClient.ConnectAsync(gateway.WebSocketUri, "bob-catch-up");
        var (caughtUp, done) = await bobAgain.AuthAndCollectSyncAsync(bob.Token, new Dictionary<string, long> { [conversationId] = contiguous });
        var delivered = live.Concat(caughtUp.Where(f => (string?)f["type"] == "message").Select(f => (long)f["message"]!["seq"]!)).ToHashSet();
        Assert.True((bool)done["complete"]!);
        Assert.Superset(acknowledged.Values.ToHashSet(), delivered);

        output.WriteLine($"acknowledged {acknowledged.Count} of {total} after {attempts} send attempts; stored {history.Count}, " +
            $"duplicates {history.Count - stored.Count}; bob received {live.Count} live and {delivered.Count - live.Count} more through catch-up");
    }

    [Fact]
    public async Task KillNine_AGateway_ItsClientsReconnectToAnotherAndCatchUp()
    {
        var deployment = await fixture.NewDeploymentAsync();
        await using var cluster = new ProcessCluster(deployment.Silo, deployment.Gateway);
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        var first = await cluster.StartGatewayAsync();
        var second = await cluster.StartGatewayAsync();
        var alice = await Accounts.CreateAsync(first.HttpUri);
        var bob = await Accounts.CreateAsync(first.HttpUri);
        await using var a = await WsClient.ConnectAsync(first.WebSocketUri, "alice-on-first");
        await a.AuthAndSyncAsync(alice.Token);
        await using var b = await WsClient.ConnectAsync(second.WebSocketUri, "bob-on-second");
        await b.AuthAndSyncAsync(bob.Token);
        var conversationId = await Conversation.OpenDirectAsync(a, bob);
        await Conversation.SendAsync(a, conversationId, "before");
        var cursor = (long)(await Conversation.NextMessageAsync(b, "the first message on the second gateway"))["seq"]!;

        await second.KillAsync();
        await b.WaitClosedAsync("bob's socket to drop with the killed gateway");
        for (var i = 0; i < 5; i++)
        {
            await Conversation.SendAsync(a, conversationId, $"while bob reconnects {i}");
        }

        await using var back = await WsClient.ConnectAsync(first.WebSocketUri, "bob-on-first");
        var (frames, done) = await back.AuthAndCollectSyncAsync(bob.Token, new Dictionary<string, long> { [conversationId] = cursor });

        Assert.Equal([2L, 3, 4, 5, 6], frames.Select(f => (long)f["message"]!["seq"]!));
        Assert.True((bool)done["complete"]!);
        await Conversation.SendAsync(a, conversationId, "live again");
        Assert.Equal(7, (long)(await Conversation.NextMessageAsync(back, "a live message after reconnecting"))["seq"]!);
    }

    private void WriteProcessOutput(ProcessCluster cluster)
    {
        foreach (var process in cluster.Silos.Concat(cluster.Gateways))
        {
            output.WriteLine($"--- {process.Kind} on port {process.Port}\n{process.Output}");
        }
    }

    private async Task<(long Seq, int Attempts)> SendUntilAcknowledgedAsync(WsClient client, string conversationId, string clientMessageId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var requestId = $"{clientMessageId}-{attempt}";
            await client.SendAsync(new { type = "send", id = requestId, conversationId, clientMessageId, text = $"text of {clientMessageId}" });
            var answer = await client.WaitForAsync("sent or error", $"answer to {requestId}", f => (string?)f["replyTo"] == requestId, SendTimeout);
            if ((string?)answer["type"] == "sent")
            {
                return ((long)answer["seq"]!, attempt);
            }

            // Not acknowledged (the silo died under it): retry with the same client message id, backing off as a
            // client should while the cluster declares the silo dead and re-activates its grains elsewhere.
            output.WriteLine($"{requestId}: {answer["code"]}");
            Assert.True(attempt < 60, $"{clientMessageId} was never acknowledged");
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250 * attempt, 2000)));
        }
    }

    private static async Task<List<JsonObject>> ReadAllHistoryAsync(WsClient client, string conversationId)
    {
        List<JsonObject> messages = [];
        var after = 0L;
        while (true)
        {
            await client.SendAsync(new { type = "history", id = $"h{after}", conversationId, after, limit = 100 });
            var page = await client.WaitForAsync("history", $"history after {after}", f => (string?)f["replyTo"] == $"h{after}");
            messages.AddRange(page["messages"]!.AsArray().Select(m => m!.AsObject()));
            if (!(bool)page["hasMore"]!)
            {
                return messages;
            }

            after = (long)messages[^1]["seq"]!;
        }
    }

    /// <summary>Asks the cluster, as an outside Orleans client, which silo hosts the conversation's activation.</summary>
    private static async Task<int> SiloPortHostingAsync(DurableSettings deployment, string conversationId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (deployment.Silo["Cluster:ClusterId"]!, "orleans-direct"));
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", deployment.ConnectionString));
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var orleans = host.Services.GetRequiredService<IClusterClient>();
            var address = await orleans.GetGrain<IManagementGrain>(0).GetActivationAddress(orleans.GetGrain<IConversationGrain>(conversationId));
            return address?.Endpoint.Port ?? throw new InvalidOperationException("The conversation has no activation.");
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
