using System.Text.Json;
using OrleansDirect.Tests;

namespace OrleansDirect.Benchmarks;

/// <summary>
/// <c>--mode load-cluster</c>: the TestingHost load harness (tests/Shared/ClusterLoad.cs) on an in-process cluster of
/// N silos, printed as JSON. Arguments: --silos N (2), --users N (200), --groups N (2), --group-size N (31),
/// --per-sender N (20), --seconds N (60), --postgres (grain state in a private PostgreSQL server, fsync on).
/// </summary>
public static class ClusterLoadBenchmark
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        var arguments = new LoadArguments(args);
        var silos = (short)arguments.Int("--silos", 2);
        var settings = new ClusterLoadSettings(arguments.Int("--users", 200), arguments.Int("--groups", 2), arguments.Int("--group-size", 31), arguments.Int("--per-sender", 20), TimeSpan.FromSeconds(arguments.Int("--seconds", 60)));
        var postgres = arguments.Has("--postgres") ? await PostgresServer.StartAsync(durable: true) : null;
        try
        {
            string? connectionString = null;
            if (postgres is not null)
            {
                connectionString = await postgres.CreateDatabaseAsync("load");
                await new OrleansDirect.Silo.Schema.SchemaMigrator(connectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).ApplyAsync(CancellationToken.None);
            }

            await using var cluster = await TestClusters.StartAsync(silos, BenchmarkSettings.Silo(), connectionString);
            var report = await ClusterLoad.RunAsync(cluster.Client, silos, settings);
            await output.WriteLineAsync(JsonSerializer.Serialize(new { storage = postgres is null ? "memory" : "postgresql", report },
                new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }
}
