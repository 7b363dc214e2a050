using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansDirect.Benchmarks;

/// <summary>Latency samples per system and pattern, printed as a Markdown table with ratios to the baseline.</summary>
public sealed class LatencyReport(BenchmarkOptions options)
{
    public const string Baseline = "baseline relay";
    public const string OrleansDirect = "OrleansDirect";

    private readonly Dictionary<(string System, string Pattern), List<double>> _samples = [];

    public void Add(string system, string pattern, List<double> latencies)
    {
        if (!_samples.TryGetValue((system, pattern), out var list))
        {
            _samples[(system, pattern)] = list = [];
        }

        list.AddRange(latencies);
    }

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        output.WriteLine($"Rounds: {options.Rounds}, messages per pattern per round: {options.Messages}, warm-up: {options.WarmUp}, paced gaps: 0-{options.MaxPacingGap.TotalMilliseconds} ms");
        output.WriteLine();
        output.WriteLine("| pattern | system | n | mean ms | p50 ms | p95 ms | p99 ms | max ms | p50 ratio | p99 ratio |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var pattern in new[] { "sequential", "paced" })
        {
            var baseline = Stats(_samples[(Baseline, pattern)]);
            foreach (var system in new[] { Baseline, OrleansDirect })
            {
                var s = Stats(_samples[(system, pattern)]);
                output.WriteLine(string.Format(c, "| {0} | {1} | {2} | {3:0.00} | {4:0.00} | {5:0.00} | {6:0.00} | {7:0.00} | {8:0.0}x | {9:0.0}x |",
                    pattern, system, s.Count, s.Mean, s.P50, s.P95, s.P99, s.Max, s.P50 / baseline.P50, s.P99 / baseline.P99));
            }
        }
    }

    private static (int Count, double Mean, double P50, double P95, double P99, double Max) Stats(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return (sorted.Length, sorted.Average(), At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}
