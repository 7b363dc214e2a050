using OrleansDirect.Benchmarks;

// dotnet run -c Release -- [--mode latency|write|load-cluster] [--rounds N --messages N ...]; see docs/benchmarks.md.
//   latency:      send-to-socket latency, OrleansDirect against a bare Kestrel WebSocket relay.
//   write:        stored messages per second and PostgreSQL cost per message, PostgreSQL mode against in-memory mode.
//   load-cluster: the TestingHost load harness (1:1 pairs and 31-member groups), as JSON.
//   load-ws:      the WebSocket load generator, OrleansDirect alternated with the relay baseline (or --idle).
//   relay:        the relay baseline on its own (--port N), as load-ws starts it in a process of its own.
if (args is ["--mode", "relay", "--port", var port, ..])
{
    await using var relay = new RelayServer();
    await relay.StartAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    Console.WriteLine($"relay ready at {relay.BaseUri}");
    await relay.WaitForShutdownAsync();
    return;
}

if (args is ["--mode", "load-cluster", ..])
{
    await ClusterLoadBenchmark.RunAsync(args, Console.Out);
    return;
}

if (args is ["--mode", "load-ws", ..])
{
    await WsLoadBenchmark.RunAsync(args, Console.Out);
    return;
}

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
