using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansDirect.Silo.Schema;

namespace OrleansDirect.Tests;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Durable")]
public sealed class SchemaTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Migrate_AppliesEveryScriptOnceAndIsIdempotent()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("schema_" + Guid.NewGuid().ToString("N")[..8]);
        var migrator = new SchemaMigrator(connectionString, NullLogger.Instance);

        var first = await migrator.ApplyAsync(CancellationToken.None);
        var second = await migrator.ApplyAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrator.Scripts.Count, first);
        Assert.Equal(0, second);
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version), await VersionsAsync(connectionString));
    }

    [Fact]
    public async Task Migrate_FromSeveralSilosAtOnce_AppliesEachScriptOnce()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("schema_" + Guid.NewGuid().ToString("N")[..8]);

        var counts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            new SchemaMigrator(connectionString, NullLogger.Instance).ApplyAsync(CancellationToken.None)));

        Assert.Equal(SchemaMigrator.Scripts.Count, counts.Sum());
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version), await VersionsAsync(connectionString));
    }

    [Fact]
    public void Scripts_AreNumberedWithoutDuplicates()
    {
        Assert.NotEmpty(SchemaMigrator.Scripts);
        Assert.Equal(SchemaMigrator.Scripts.Count, SchemaMigrator.Scripts.Select(s => s.Version).Distinct().Count());
    }

    private static async Task<List<int>> VersionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM orleansdirect_schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        List<int> versions = [];
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
