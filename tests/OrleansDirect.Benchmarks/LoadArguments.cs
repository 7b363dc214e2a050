using System.Globalization;

namespace OrleansDirect.Benchmarks;

/// <summary>The load modes' command-line arguments: <c>--name value</c> pairs and <c>--flag</c> switches.</summary>
public sealed class LoadArguments(string[] args)
{
    public string? Text(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    public int Int(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public bool Has(string flag) => args.Contains(flag);
}
