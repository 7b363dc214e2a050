using System.Globalization;

namespace OrleansDirect.Benchmarks;

/// <summary>Command-line settings.</summary>
public sealed record BenchmarkOptions(string Mode, int Rounds, int Messages, int WarmUp, TimeSpan MaxPacingGap, int Senders)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions(Mode: "latency", Rounds: 3, Messages: 200, WarmUp: 50, MaxPacingGap: TimeSpan.FromMilliseconds(40), Senders: 8);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--mode")
            {
                options = options with { Mode = args[i + 1] };
                continue;
            }

            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--senders" => options with { Senders = value },
                "--rounds" => options with { Rounds = value },
                "--messages" => options with { Messages = value },
                "--warmup" => options with { WarmUp = value },
                "--max-gap-ms" => options with { MaxPacingGap = TimeSpan.FromMilliseconds(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --mode latency|write, --rounds, --messages, --warmup, --max-gap-ms, --senders."),
            };
        }

        return options;
    }
}
