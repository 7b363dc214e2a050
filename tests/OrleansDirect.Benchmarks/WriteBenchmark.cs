using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansDirect.Silo.Schema;
using OrleansDirect.Tests;

namespace OrleansDirect.Benchmarks;

/// <summary>
/// The write path: S senders, each in its own 1:1 conversation with an online recipient, send N messages one after
/// another (the next when the previous was acknowledged), all senders at once. Reports messages stored per second,
/// and for PostgreSQL mode the statements executed and WAL bytes written per message, read exactly from
/// pg_stat_statements and the WAL position. In-memory mode runs side by side as the baseline; modes alternate.
/// </summary>
public static class WriteBenchmark
{
    public static async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        await using var server = await PostgresServer.StartAsync(durable: true, "-c shared_preload_libraries=pg_stat_statements");
        var connectionString = await server.CreateDatabaseAsync("bench") + (options.NoResetOnClose ? ";No Reset On Close=true" : "");
        await new SchemaMigrator(connectionString, NullLogger.Instance).ApplyAsync(CancellationToken.None);
        await ExecuteAsync(connectionString, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");

        List<WriteRun> runs = [];
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var mode in round % 2 == 0 ? new[] { "memory", "postgres" } : ["postgres", "memory"])
            {
                runs.Add(await RunOnceAsync(mode, $"bench-{round}-{mode}", connectionString, options));
            }
        }

        Print(output, options, runs);
    }

    private static async Task<WriteRun> RunOnceAsync(string mode, string clusterId, string connectionString, BenchmarkOptions options)
    {
        var silo = BenchmarkSettings.Silo();
        silo["Cluster:ClusterId"] = clusterId;
        if (mode == "postgres")
        {
            silo["Cluster:Clustering"] = "AdoNet";
            silo["Storage:Provider"] = "PostgreSQL";
            silo["PostgreSQL:ConnectionString"] = connectionString;
        }

        await using var system = await LocalSystem.StartAsync(silos: 1, silo, new Dictionary<string, string?>());
        var gateway = await system.StartGatewayAsync();
        List<OrleansDirectPair> pairs = [];
        for (var i = 0; i < options.Senders; i++)
        {
            pairs.Add(await OrleansDirectPair.ConnectAsync(gateway));
        }

        try
        {
            await Task.WhenAll(pairs.Select(p => SendAsync(p, 5)));
            var before = await SnapshotAsync(connectionString);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(pairs.Select(p => SendAsync(p, options.Messages)));
            clock.Stop();
            var after = await SnapshotAsync(connectionString);
            return new WriteRun(mode, options.Senders * options.Messages, clock.Elapsed, before, after);
        }
        finally
        {
            foreach (var pair in pairs)
            {
                await pair.DisposeAsync();
            }
        }
    }

    private static async Task SendAsync(OrleansDirectPair pair, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var acknowledged = pair.AcknowledgedAtAsync(id);
            await pair.SendAsync(id);
            await acknowledged.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static async Task<DbSnapshot> SnapshotAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Dictionary<string, long> calls = [];
        await using (var command = new NpgsqlCommand(
            "SELECT query, calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var query = Shorten(reader.GetString(0));
                calls[query] = calls.GetValueOrDefault(query) + reader.GetInt64(1);
            }
        }

        await using var wal = new NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        return new DbSnapshot(calls, (long)(await wal.ExecuteScalarAsync())!);
    }

    private static string Shorten(string query)
    {
        var flat = string.Join(' ', query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 70 ? flat : flat[..70];
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void Print(TextWriter output, BenchmarkOptions options, List<WriteRun> runs)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"Machine: {Environment.ProcessorCount} cores; {options.Senders} senders x {options.Messages} messages per run; {options.Rounds} rounds; PostgreSQL with fsync on{(options.NoResetOnClose ? "; No Reset On Close=true" : "")}");
        output.WriteLine();
        output.WriteLine("| mode | run | messages | seconds | messages/s | ratio to memory | statements/message | WAL bytes/message |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        var memory = runs.Where(r => r.Mode == "memory").Average(r => r.PerSecond);
        foreach (var (run, index) in runs.Select((r, i) => (r, i)))
        {
            var pg = run.Mode == "postgres";
            output.WriteLine(string.Format(c, "| {0} | {1} | {2} | {3:0.00} | {4:0} | {5:0.00}x | {6} | {7} |",
                run.Mode, index + 1, run.Messages, run.Elapsed.TotalSeconds, run.PerSecond, run.PerSecond / memory,
                pg ? (run.Statements / (double)run.Messages).ToString("0.00", c) : "-",
                pg ? (run.WalBytes / (double)run.Messages).ToString("0", c) : "-"));
        }

        var last = runs.Last(r => r.Mode == "postgres");
        output.WriteLine();
        output.WriteLine("Statements per message in the last PostgreSQL run:");
        output.WriteLine();
        output.WriteLine("| statement (start) | per message |");
        output.WriteLine("|---|---|");
        foreach (var (query, count) in last.StatementBreakdown().Where(q => q.Count > 0).OrderByDescending(q => q.Count).Take(10))
        {
            output.WriteLine(string.Format(c, "| `{0}` | {1:0.00} |", query.Replace("|", "\\|", StringComparison.Ordinal), count / (double)last.Messages));
        }
    }

    private sealed record DbSnapshot(Dictionary<string, long> Calls, long WalPosition);

    private sealed record WriteRun(string Mode, int Messages, TimeSpan Elapsed, DbSnapshot Before, DbSnapshot After)
    {
        public double PerSecond => Messages / Elapsed.TotalSeconds;

        public long WalBytes => After.WalPosition - Before.WalPosition;

        public long Statements => StatementBreakdown().Sum(q => q.Count);

        public IEnumerable<(string Query, long Count)> StatementBreakdown() =>
            After.Calls.Select(kv => (kv.Key, kv.Value - Before.Calls.GetValueOrDefault(kv.Key)));
    }
}
