using System.Diagnostics;
using OrleansDirect.Tests;

namespace OrleansDirect.Benchmarks;

/// <summary>
/// Send-to-socket latency of one message: from the sender's WebSocket send to the recipient's socket reading the
/// frame, both clients in this process on loopback. Two patterns: sequential (the next message is sent when the
/// previous one arrived) and paced (sends at random gaps, not waiting), so results do not lock onto a polling phase.
/// Baseline and OrleansDirect alternate within each round.
/// </summary>
public static class LatencyBenchmark
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(10);

    public static async Task<LatencyReport> RunAsync(BenchmarkOptions options)
    {
        await using var relay = new RelayServer();
        await relay.StartAsync();
        await using var system = await LocalSystem.StartAsync(silos: 1, BenchmarkSettings.Silo(), new Dictionary<string, string?>());
        var gateway = await system.StartGatewayAsync();

        var report = new LatencyReport(options);
        for (var round = 0; round < options.Rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { LatencyReport.Baseline, LatencyReport.OrleansDirect } : [LatencyReport.OrleansDirect, LatencyReport.Baseline];
            foreach (var name in order)
            {
                await using IChatPair pair = name == LatencyReport.Baseline
                    ? await RelayPair.ConnectAsync(relay)
                    : await OrleansDirectPair.ConnectAsync(gateway);
                await WarmUpAsync(pair, options.WarmUp);
                report.Add(name, "sequential", await SequentialAsync(pair, options.Messages));
                report.Add(name, "paced", await PacedAsync(pair, options.Messages, options.MaxPacingGap));
            }
        }

        return report;
    }

    private static async Task WarmUpAsync(IChatPair pair, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = NewId();
            await pair.SendAsync(id);
            try
            {
                await pair.ReceivedAtAsync(id).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (TimeoutException)
            {
                // The baseline relay drops frames sent before the recipient is registered; warm-up absorbs that.
            }
        }
    }

    private static async Task<List<double>> SequentialAsync(IChatPair pair, int count)
    {
        List<double> latencies = [];
        for (var i = 0; i < count; i++)
        {
            var id = NewId();
            var sentAt = Stopwatch.GetTimestamp();
            await pair.SendAsync(id);
            var arrivedAt = await pair.ReceivedAtAsync(id).WaitAsync(ArrivalTimeout);
            latencies.Add(Stopwatch.GetElapsedTime(sentAt, arrivedAt).TotalMilliseconds);
        }

        return latencies;
    }

    private static async Task<List<double>> PacedAsync(IChatPair pair, int count, TimeSpan maxGap)
    {
        List<(long SentAt, Task<long> Arrival)> sends = [];
        for (var i = 0; i < count; i++)
        {
            // Pacing, not synchronisation: arrivals are awaited below.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * maxGap.TotalMilliseconds));
            var id = NewId();
            var arrival = pair.ReceivedAtAsync(id);
            var sentAt = Stopwatch.GetTimestamp();
            await pair.SendAsync(id);
            sends.Add((sentAt, arrival));
        }

        List<double> latencies = [];
        foreach (var (sentAt, arrival) in sends)
        {
            latencies.Add(Stopwatch.GetElapsedTime(sentAt, await arrival.WaitAsync(ArrivalTimeout)).TotalMilliseconds);
        }

        return latencies;
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}
