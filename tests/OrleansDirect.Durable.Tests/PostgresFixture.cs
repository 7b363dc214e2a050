namespace OrleansDirect.Tests;

/// <summary>One private PostgreSQL server for the durable tests; each test creates its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PostgresServer.StartAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>A new database with the schema applied, and settings for silos and gateways that use it.</summary>
    public async Task<DurableSettings> NewDeploymentAsync()
    {
        var name = "od_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await Server.CreateDatabaseAsync(name);
        await new Silo.Schema.SchemaMigrator(connectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).ApplyAsync(CancellationToken.None);
        var silo = new Dictionary<string, string?>(TestSettings.Silo)
        {
            ["Cluster:Clustering"] = "AdoNet",
            ["Cluster:ClusterId"] = name,
            ["Storage:Provider"] = "PostgreSQL",
            ["PostgreSQL:ConnectionString"] = connectionString,
        };
        var gateway = new Dictionary<string, string?>
        {
            ["Cluster:Clustering"] = "AdoNet",
            ["Cluster:ClusterId"] = name,
            ["Cluster:ConnectionString"] = connectionString,
        };
        return new DurableSettings(connectionString, silo, gateway);
    }
}

/// <summary>Where a durable deployment keeps its data, and how to configure its silos and gateways.</summary>
public sealed record DurableSettings(string ConnectionString, IReadOnlyDictionary<string, string?> Silo, IReadOnlyDictionary<string, string?> Gateway);

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
