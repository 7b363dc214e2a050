using System.Globalization;

namespace OrleansDirect.Benchmarks;

/// <summary>Command-line settings.</summary>
public sealed record BenchmarkOptions(string Mode, int Rounds, int Messages, int WarmUp, TimeSpan MaxPacingGap, int Senders, bool NoResetOnClose = false)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions(Mode: "latency", Rounds: 3, Messages: 200, WarmUp: 50, MaxPacingGap: TimeSpan.FromMilliseconds(40), Senders: 8);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-reset-on-close")
            {
                options = options with { NoResetOnClose = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }

            var (name, text) = (args[i], args[++i]);
            if (name == "--mode")
            {
                options = options with { Mode = text };
                continue;
            }

            var value = int.Parse(text, CultureInfo.InvariantCulture);
            options = name switch
            {
                "--senders" => options with { Senders = value },
                "--rounds" => options with { Rounds = value },
                "--messages" => options with { Messages = value },
                "--warmup" => options with { WarmUp = value },
                "--max-gap-ms" => options with { MaxPacingGap = TimeSpan.FromMilliseconds(value) },
                _ => throw new ArgumentException($"Unknown option {name}; use --mode latency|write, --no-reset-on-close, --rounds, --messages, --warmup, --max-gap-ms, --senders."),
            };
        }

        return options;
    }
}
