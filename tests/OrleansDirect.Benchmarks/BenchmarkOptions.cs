using System.Globalization;

namespace OrleansDirect.Benchmarks;

/// <summary>Command-line settings.</summary>
public sealed record BenchmarkOptions(int Rounds, int Messages, int WarmUp, TimeSpan MaxPacingGap)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions(Rounds: 3, Messages: 200, WarmUp: 50, MaxPacingGap: TimeSpan.FromMilliseconds(40));
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--rounds" => options with { Rounds = value },
                "--messages" => options with { Messages = value },
                "--warmup" => options with { WarmUp = value },
                "--max-gap-ms" => options with { MaxPacingGap = TimeSpan.FromMilliseconds(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --rounds, --messages, --warmup, --max-gap-ms."),
            };
        }

        return options;
    }
}
