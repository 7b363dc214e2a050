using OrleansDirect.Benchmarks;

// Delivery latency: OrleansDirect (silo + gateway, in this process, over real loopback sockets) against a bare
// Kestrel WebSocket relay, alternated round by round. Usage: dotnet run -c Release [-- --rounds 3 --messages 200]
var options = BenchmarkOptions.Parse(args);
var report = await LatencyBenchmark.RunAsync(options);
report.Print(Console.Out);
