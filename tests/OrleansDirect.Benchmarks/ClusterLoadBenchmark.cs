using System.Globalization;
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
        int Arg(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var silos = (short)Arg("--silos", 2);
        var settings = new ClusterLoadSettings(Arg("--users", 200), Arg("--groups", 2), Arg("--group-size", 31), Arg("--per-sender", 20), TimeSpan.FromSeconds(Arg("--seconds", 60)));
        var postgres = args.Contains("--postgres") ? await PostgresServer.StartAsync(durable: true) : null;
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
