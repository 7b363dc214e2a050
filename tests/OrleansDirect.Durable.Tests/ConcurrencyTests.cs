using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansDirect.Conversations;
using OrleansDirect.Hosting;

namespace OrleansDirect.Tests;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Durable")]
public sealed class ConcurrencyTests(PostgresFixture fixture)
{
    [Fact]
    public async Task GrainStorage_WriteWithStaleETag_IsRejectedNotSilentlyLost()
    {
        var deployment = await fixture.NewDeploymentAsync();
        await using var system = await LocalSystem.StartAsync(silos: 1, deployment.Silo, deployment.Gateway);
        var storage = system.SiloServices(0).GetRequiredKeyedService<IGrainStorage>(StorageNames.Conversations);
        var grainId = GrainId.Create("conversation", "dm_" + Guid.NewGuid().ToString("N"));

        var first = new GrainState<ConversationState>(new ConversationState());
        await storage.ReadStateAsync("conversation", grainId, first);
        var second = new GrainState<ConversationState>(new ConversationState());
        await storage.ReadStateAsync("conversation", grainId, second);

        first.State!.LastSeq = 1;
        await storage.WriteStateAsync("conversation", grainId, first);
        second.State!.LastSeq = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("conversation", grainId, second));

        var stored = new GrainState<ConversationState>(new ConversationState());
        await storage.ReadStateAsync("conversation", grainId, stored);
        Assert.Equal(1, stored.State!.LastSeq);
    }
}
