using Orleans.TestingHost;

namespace OrleansDirect.Tests;

/// <summary>One two-silo cluster shared by every cluster test; tests use fresh keys so order never matters.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync() => Cluster = await TestClusters.StartAsync(silos: 2);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
