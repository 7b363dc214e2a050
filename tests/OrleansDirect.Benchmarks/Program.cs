using OrleansDirect.Benchmarks;

// dotnet run -c Release -- [--mode latency|write] [--rounds N --messages N ...]; see docs/benchmarks.md.
//   latency: send-to-socket latency, OrleansDirect against a bare Kestrel WebSocket relay.
//   write:   stored messages per second and PostgreSQL cost per message, PostgreSQL mode against in-memory mode.
var options = BenchmarkOptions.Parse(args);
if (options.Mode == "write")
{
    await WriteBenchmark.RunAsync(options, Console.Out);
}
else
{
    var report = await LatencyBenchmark.RunAsync(options);
    report.Print(Console.Out);
}
