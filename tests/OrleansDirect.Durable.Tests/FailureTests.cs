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
    public async Task KillNine_TheSiloHostingAConversation_WhileClientsSend_AcknowledgedMessagesAreStoredOnceAndDelivered()
    {
        var deployment = await fixture.NewDeploymentAsync();
        await using var cluster = new ProcessCluster(deployment.Silo, deployment.Gateway);
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartSiloAsync();
        }

        var gateway = await cluster.StartGatewayAsync();
        const int conversations = 3;
        const int total = 30;
        const int killAfter = 8;
        List<Talk> talks = [];
        for (var i = 0; i < conversations; i++)
        {
            talks.Add(await Talk.StartAsync(gateway, $"pair{i}"));
        }

        // Every sender sends continuously; when the first has 8 messages acknowledged, the silo hosting its
        // conversation is killed with SIGKILL while all of them keep sending.
        var port = await SiloPortHostingAsync(deployment, talks[0].ConversationId);
        var victim = cluster.Silos.Single(s => s.Port == port);
        var reachedKillPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = talks.Select((talk, index) => SendAllAsync(talk, total, index == 0 ? killAfter : -1, reachedKillPoint)).ToList();
        await Await.Signal(reachedKillPoint.Task, $"{killAfter} acknowledged messages before the kill", TimeSpan.FromSeconds(60));
        await victim.KillAsync();
        output.WriteLine($"killed the silo on port {port}, which hosted the first conversation, after {killAfter} of its messages");
        try
        {
            await Task.WhenAll(sending);
        }
        catch
        {
            WriteProcessOutput(cluster);
            throw;
        }

        foreach (var talk in talks)
        {
            // Everything stored, each acknowledged message exactly once, at the sequence number it was acknowledged with.
            var history = await ReadAllHistoryAsync(talk.Sender, talk.ConversationId);
            var stored = history.GroupBy(m => (string)m["clientMessageId"]!).ToDictionary(g => g.Key, g => g.ToList());
            Assert.Equal(talk.Acknowledged.Keys.Order(), stored.Keys.Order());
            Assert.All(stored, kv => Assert.Single(kv.Value));
            Assert.All(talk.Acknowledged, kv => Assert.Equal(kv.Value, (long)stored[kv.Key][0]["seq"]!));
            Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), history.Select(m => (long)m["seq"]!));

            // The recipient was online throughout: whatever the live feed missed, catch-up delivers.
            var live = talk.Recipient.Drain().Where(f => (string?)f["type"] == "message" && (string?)f["conversationId"] == talk.ConversationId)
                .Select(f => (long)f["message"]!["seq"]!).ToHashSet();
            var contiguous = 0L;
            while (live.Contains(contiguous + 1))
            {
                contiguous++;
            }

            await using var again = await WsClient.ConnectAsync(gateway.WebSocketUri, talk.Name + "-catch-up");
            var (caughtUp, done) = await again.AuthAndCollectSyncAsync(talk.RecipientUser.Token, new Dictionary<string, long> { [talk.ConversationId] = contiguous });
            var delivered = live.Concat(caughtUp.Where(f => (string?)f["type"] == "message").Select(f => (long)f["message"]!["seq"]!)).ToHashSet();
            Assert.True((bool)done["complete"]!);
            Assert.Superset(talk.Acknowledged.Values.ToHashSet(), delivered);

            output.WriteLine($"{talk.Name}: acknowledged {talk.Acknowledged.Count} of {total} after {talk.Attempts} send attempts; stored {history.Count}, " +
                $"duplicates {history.Count - stored.Count}; recipient got {live.Count} live and {delivered.Count - live.Count} more through catch-up");
            await talk.DisposeAsync();
        }
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

    private async Task SendAllAsync(Talk talk, int total, int signalAfter, TaskCompletionSource reached)
    {
        for (var i = 0; i < total; i++)
        {
            var clientMessageId = $"{talk.Name}-{i}";
            var (seq, attempts) = await SendUntilAcknowledgedAsync(talk.Sender, talk.ConversationId, clientMessageId);
            talk.Acknowledged[clientMessageId] = seq;
            talk.Attempts += attempts;
            if (talk.Acknowledged.Count == signalAfter)
            {
                reached.TrySetResult();
            }
        }
    }

    /// <summary>A sender and an online recipient in one conversation.</summary>
    private sealed class Talk : IAsyncDisposable
    {
        public required string Name { get; init; }

        public required WsClient Sender { get; init; }

        public required WsClient Recipient { get; init; }

        public required TestUser RecipientUser { get; init; }

        public required string ConversationId { get; init; }

        public Dictionary<string, long> Acknowledged { get; } = [];

        public int Attempts { get; set; }

        public static async Task<Talk> StartAsync(ClusterProcess gateway, string name)
        {
            var sender = await Accounts.CreateAsync(gateway.HttpUri);
            var recipient = await Accounts.CreateAsync(gateway.HttpUri);
            var senderSocket = await WsClient.ConnectAsync(gateway.WebSocketUri, name + "-sender");
            await senderSocket.AuthAndSyncAsync(sender.Token);
            var recipientSocket = await WsClient.ConnectAsync(gateway.WebSocketUri, name + "-recipient");
            await recipientSocket.AuthAndSyncAsync(recipient.Token);
            var conversationId = await Conversation.OpenDirectAsync(senderSocket, recipient);
            return new Talk { Name = name, Sender = senderSocket, Recipient = recipientSocket, RecipientUser = recipient, ConversationId = conversationId };
        }

        public async ValueTask DisposeAsync()
        {
            await Sender.DisposeAsync();
            await Recipient.DisposeAsync();
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
            await ClientBackoffAsync(attempt);
        }
    }

    /// <summary>
    /// The retry policy docs/protocol.md asks of clients after <c>unavailable</c> (not a wait for some state: the
    /// retry itself is what is being tested, and its answer is awaited with a timeout).
    /// </summary>
    private static Task ClientBackoffAsync(int attempt) => Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250 * attempt, 2000)));

    private static async Task<List<JsonObject>> ReadAllHistoryAsync(WsClient client, string conversationId)
    {
        List<JsonObject> messages = [];
        var after = 0L;
        for (var attempt = 1; ; attempt++)
        {
            var requestId = $"h{after}-{attempt}";
            await client.SendAsync(new { type = "history", id = requestId, conversationId, after, limit = 100 });
            var page = await client.WaitForAsync("history or error", $"history after {after}", f => (string?)f["replyTo"] == requestId, SendTimeout);
            if ((string?)page["type"] == "error")
            {
                // The conversation is being re-activated after the kill: back off and ask again, as a client would.
                Assert.True(attempt < 60, $"history of {conversationId} stayed unavailable");
                await ClientBackoffAsync(attempt);
                continue;
            }

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
