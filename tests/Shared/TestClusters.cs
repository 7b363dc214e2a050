using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansDirect.Silo.Hosting;
using OrleansDirect.Silo.Options;
using OrleansDirect.Streams;

namespace OrleansDirect.Tests;

/// <summary>In-process clusters configured exactly like production silos, with the production stream and storage names.</summary>
public static class TestClusters
{
    /// <summary>
    /// Starts <paramref name="silos"/> silos. Grain state is in memory, or in PostgreSQL when <paramref name="postgres"/>
    /// (a connection string to a database with the schema applied) is given.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(short silos = 2, IReadOnlyDictionary<string, string?>? settings = null, string? postgres = null)
    {
        var storage = new StorageOptions { Provider = postgres is null ? StorageProviders.Memory : StorageProviders.PostgreSQL };
        var database = postgres is null ? null : new PostgresOptions { ConnectionString = postgres };
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings ?? TestSettings.Silo);
            host.Services.AddOrleansDirectGrainServices(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddOrleansDirectStorage(storage, database);
            silo.AddOrleansDirectStreams(new StreamOptions());
            silo.UseInMemoryReminderService();
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(StreamNames.Provider));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
