using System.Globalization;
using System.Text.Json;
using OrleansDirect.Tests;

namespace OrleansDirect.Benchmarks;

/// <summary>
/// <c>--mode load-ws</c>: the WebSocket load generator, alternating OrleansDirect (a self-started single silo and
/// gateway, or <c>--gateway URL</c>) with the bare relay baseline, printed as JSON lines and a ratio table.
/// Arguments: --connections N (1000), --groups N (2), --group-size N (31), --per-sender N (10), --rate N (0 = flat out),
/// --rounds N (2), --seconds N (60), --postgres (storage and clustering on a private PostgreSQL server),
/// --idle (only open connections and report memory per connection).
/// </summary>
public static class WsLoadBenchmark
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        string? Text(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        int Arg(string name, int fallback) => Text(name) is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : fallback;

        var connections = Arg("--connections", 1000);
        var settings = new WsLoadSettings(connections, Arg("--groups", 2), Arg("--group-size", 31), Arg("--per-sender", 10), Arg("--rate", 0),
            TimeSpan.FromSeconds(Arg("--seconds", 60)));
        await using var relay = new RelayServer();
        await relay.StartAsync();
        LocalSystem? system = null;
        PostgresServer? postgres = null;
        Uri gateway;
        if (Text("--gateway") is { } external)
        {
            gateway = new Uri(external);
        }
        else
        {
            var silo = BenchmarkSettings.Silo();
            silo["Accounts:PasswordHashIterations"] = "10000";
            if (args.Contains("--postgres"))
            {
                // PostgreSQL mode: a private server with fsync on, the schema applied, clustering and storage on it.
                postgres = await PostgresServer.StartAsync(durable: true);
                var connectionString = await postgres.CreateDatabaseAsync("load");
                await new OrleansDirect.Silo.Schema.SchemaMigrator(connectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).ApplyAsync(CancellationToken.None);
                (silo["Cluster:Clustering"], silo["Storage:Provider"], silo["PostgreSQL:ConnectionString"]) = ("AdoNet", "PostgreSQL", connectionString);
            }

            system = await LocalSystem.StartAsync(silos: 1, silo, new Dictionary<string, string?> { ["Gateway:SendQueueCapacity"] = "4096" });
            gateway = (await system.StartGatewayAsync()).BaseAddress;
        }

        try
        {
            IWsLoadTarget[] targets = [new OrleansDirectLoadTarget(gateway), new RelayLoadTarget(relay.BaseUri)];
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            if (args.Contains("--idle"))
            {
                foreach (var target in targets)
                {
                    var (perConnection, count) = await WsLoad.IdleAsync(target, connections);
                    await output.WriteLineAsync(JsonSerializer.Serialize(new { target = target.Name, mode = "idle", connections = count, managedBytesPerConnection = perConnection }, json));
                }

                return;
            }

            List<WsLoadReport> reports = [];
            for (var round = 0; round < Arg("--rounds", 2); round++)
            {
                // Alternate which system goes first, so neither always runs on a warmer or cooler machine.
                foreach (var target in round % 2 == 0 ? targets : targets.Reverse())
                {
                    var report = await WsLoad.RunAsync(target, settings);
                    reports.Add(report);
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, json));
                }
            }

            double Mean(string name, Func<WsLoadReport, double> pick) => reports.Where(r => r.Target == name).Average(pick);
            await output.WriteLineAsync($"deliveries/s ratio (orleansdirect / relay): {Mean("orleansdirect", r => r.DeliveriesPerSecond) / Mean("relay", r => r.DeliveriesPerSecond):0.00}");
            await output.WriteLineAsync($"p50 latency ratio (orleansdirect / relay): {Mean("orleansdirect", r => r.LatencyP50Ms) / Math.Max(0.001, Mean("relay", r => r.LatencyP50Ms)):0.0}");
        }
        finally
        {
            if (system is not null)
            {
                await system.DisposeAsync();
            }

            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }
}
