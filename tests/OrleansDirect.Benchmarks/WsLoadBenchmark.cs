using System.Globalization;
using System.Text.Json;
using OrleansDirect.Tests;

namespace OrleansDirect.Benchmarks;

/// <summary>
/// <c>--mode load-ws</c>: the WebSocket load generator, alternating OrleansDirect with the bare relay baseline, printed
/// as JSON lines and a ratio table. The silos, the gateways and the relay each run as processes of their own (started
/// from the Release build), so the servers' memory and CPU time are read per process, apart from the generator's.
/// Arguments: --connections N (1000), --groups N (2), --group-size N (31), --per-sender N (10), --rate N (0 = flat out),
/// --rounds N (2), --seconds N (60), --silos N (1; more than one needs --postgres), --gateways N (1),
/// --postgres (clustering and storage on a private PostgreSQL server), --idle (only open connections and report the
/// servers' memory per connection), --gateway URL[,URL...] (drive gateways that are already running instead),
/// --trace DIR (in the first OrleansDirect run, sample each server process's threads with dotnet-trace for --trace-seconds N
/// (10) once sending starts, into DIR/ROLE.nettrace; needs <c>dotnet tool install -g dotnet-trace</c>).
/// </summary>
public static class WsLoadBenchmark
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        var arguments = new LoadArguments(args);

        var connections = arguments.Int("--connections", 1000);
        var settings = new WsLoadSettings(connections, arguments.Int("--groups", 2), arguments.Int("--group-size", 31), arguments.Int("--per-sender", 10), arguments.Int("--rate", 0),
            TimeSpan.FromSeconds(arguments.Int("--seconds", 60)));
        var (silos, gateways) = (arguments.Int("--silos", 1), arguments.Int("--gateways", 1));
        if (silos > 1 && !arguments.Has("--postgres"))
        {
            throw new ArgumentException("--silos above 1 needs --postgres (the silos find each other through PostgreSQL).");
        }

        await using var servers = await Servers.StartAsync(silos, gateways, arguments.Has("--postgres"), arguments.Text("--gateway"));
        IWsLoadTarget[] targets = [new OrleansDirectLoadTarget(servers.GatewayUris), new RelayLoadTarget(servers.RelayUri)];
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        if (arguments.Has("--idle"))
        {
            foreach (var target in targets)
            {
                // Read once before the first socket opens and once when all are open.
                List<Dictionary<string, long>> readings = [];
                var count = await WsLoad.HoldIdleAsync(target, connections, () =>
                {
                    readings.Add(servers.ResidentMemory(target.Name));
                    return Task.CompletedTask;
                });
                var (before, after) = (readings[0], readings[1]);
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    target = target.Name,
                    mode = "idle",
                    connections = count,
                    residentBytesPerConnection = after.ToDictionary(a => a.Key, a => (a.Value - before[a.Key]) / count),
                    residentBytes = after,
                }, json));
            }

            return;
        }

        if (arguments.Text("--trace") is { } traceDirectory)
        {
            // An extra OrleansDirect run under the sampler, printed but left out of the results: sampling costs CPU.
            var (traced, tracedCpu) = await MeasuredRunAsync(servers, targets[0], settings, traceDirectory, TimeSpan.FromSeconds(arguments.Int("--trace-seconds", 10)));
            await output.WriteLineAsync(JsonSerializer.Serialize(new { traced = true, report = traced, serverCpuSeconds = tracedCpu }, json));
        }

        List<(WsLoadReport Report, Dictionary<string, double> CpuSeconds)> results = [];
        for (var round = 0; round < arguments.Int("--rounds", 2); round++)
        {
            // Alternate which system goes first, so neither always runs on a warmer or cooler machine.
            foreach (var target in round % 2 == 0 ? targets : targets.Reverse())
            {
                servers.ResetPeakMemory(target.Name);
                var (report, cpu) = await MeasuredRunAsync(servers, target, settings, null, TimeSpan.Zero);
                results.Add((report, cpu));
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    report,
                    serverCpuSeconds = cpu,
                    serverCpuMillisecondsPerDelivery = cpu.ToDictionary(c => c.Key, c => Math.Round(1000 * c.Value / Math.Max(1, report.Deliveries), 3)),
                    serverPeakResidentBytes = servers.PeakMemory(target.Name),
                }, json));
            }
        }

        double Mean(string name, Func<WsLoadReport, double> pick) => results.Where(r => r.Report.Target == name).Average(r => pick(r.Report));
        await output.WriteLineAsync($"deliveries/s ratio (orleansdirect / relay): {Mean("orleansdirect", r => r.DeliveriesPerSecond) / Mean("relay", r => r.DeliveriesPerSecond):0.00}");
        await output.WriteLineAsync($"p50 latency ratio (orleansdirect / relay): {Mean("orleansdirect", r => r.LatencyP50Ms) / Math.Max(0.001, Mean("relay", r => r.LatencyP50Ms)):0.0}");
    }

    /// <summary>
    /// One run, with each process's CPU time read around the sending and delivering only (not the sign-ups and set-up
    /// before it); with <paramref name="trace"/>, the servers are sampled by dotnet-trace from the first message on.
    /// </summary>
    private static async Task<(WsLoadReport Report, Dictionary<string, double> CpuSeconds)> MeasuredRunAsync(
        Servers servers, IWsLoadTarget target, WsLoadSettings settings, string? trace, TimeSpan traceDuration)
    {
        List<Dictionary<string, double>> readings = [];
        List<System.Diagnostics.Process> tracers = [];
        var report = await WsLoad.RunAsync(target, settings, () =>
        {
            readings.Add(servers.CpuSeconds(target.Name));
            if (trace is not null && readings.Count == 1)
            {
                tracers = servers.StartTracing(target.Name, trace, traceDuration);
            }
        });
        foreach (var tracer in tracers)
        {
            await tracer.WaitForExitAsync();
            tracer.Dispose();
        }

        return (report, readings[1].ToDictionary(c => c.Key, c => Math.Round(c.Value - readings[0][c.Key], 2)));
    }

    /// <summary>The server processes: PostgreSQL (optional), silos, gateways and the relay.</summary>
    private sealed class Servers : IAsyncDisposable
    {
        private readonly ProcessCluster _cluster;
        private readonly PostgresServer? _postgres;
        private readonly List<Uri> _external = [];
        private ClusterProcess _relay = null!;

        private Servers(ProcessCluster cluster, PostgresServer? postgres) => (_cluster, _postgres) = (cluster, postgres);

        public IReadOnlyList<Uri> GatewayUris => _external.Count > 0 ? _external : [.. _cluster.Gateways.Select(g => g.HttpUri)];

        public Uri RelayUri => new($"ws://127.0.0.1:{_relay.Port}");

        public static async Task<Servers> StartAsync(int silos, int gateways, bool postgres, string? external)
        {
            // Production defaults apart from BenchmarkSettings' exceptions; the gateway's are all production defaults.
            var silo = BenchmarkSettings.Silo();
            var gateway = new Dictionary<string, string?>();
            PostgresServer? server = null;
            if (postgres && external is null)
            {
                // A private server with fsync on, the schema applied, clustering and storage on it.
                server = await PostgresServer.StartAsync(durable: true);
                try
                {
                    var connectionString = await server.CreateDatabaseAsync("load");
                    await new OrleansDirect.Silo.Schema.SchemaMigrator(connectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).ApplyAsync(CancellationToken.None);
                    (silo["Cluster:Clustering"], silo["Storage:Provider"], silo["PostgreSQL:ConnectionString"]) = ("AdoNet", "PostgreSQL", connectionString);
                    (gateway["Cluster:Clustering"], gateway["Cluster:ConnectionString"]) = ("AdoNet", connectionString);
                }
                catch
                {
                    await server.DisposeAsync();
                    throw;
                }
            }

            var servers = new Servers(new ProcessCluster(silo, gateway), server);
            try
            {
                await servers.StartProcessesAsync(silos, gateways, postgres, external);
                return servers;
            }
            catch
            {
                // Nothing may outlive a failed start: the processes and the PostgreSQL server are not children that die with us.
                await servers.DisposeAsync();
                throw;
            }
        }

        private async Task StartProcessesAsync(int silos, int gateways, bool postgres, string? external)
        {
            if (external is not null)
            {
                _external.AddRange(external.Split(',').Select(u => new Uri(u)));
            }
            else
            {
                for (var i = 0; i < silos; i++)
                {
                    await _cluster.StartSiloAsync();
                }

                for (var i = 0; i < gateways; i++)
                {
                    await _cluster.StartGatewayAsync(postgres ? null : new Dictionary<string, string?>
                    {
                        ["Cluster:GatewayPort"] = _cluster.Silos[0].GatewayPort.ToString(CultureInfo.InvariantCulture),
                    });
                }
            }

            var relayPort = Ports.Free();
            _relay = await _cluster.StartProgramAsync("relay", typeof(RelayServer).Assembly.Location,
                ["--mode", "relay", "--port", relayPort.ToString(CultureInfo.InvariantCulture)], "relay ready", relayPort);
        }

        /// <summary>The processes serving <paramref name="target"/>, by role (silo-0, gateway-0, relay).</summary>
        private IEnumerable<(string Role, ClusterProcess Process)> Processes(string target) => target == "relay"
            ? [("relay", _relay)]
            : _cluster.Silos.Select((s, i) => ($"silo-{i}", s)).Concat(_cluster.Gateways.Select((g, i) => ($"gateway-{i}", g)));

        public Dictionary<string, long> ResidentMemory(string target) => Processes(target).ToDictionary(p => p.Role, p => p.Process.Memory().Resident);

        /// <summary>Peak resident memory of each process since the last <see cref="ResetPeakMemory"/>.</summary>
        public Dictionary<string, long> PeakMemory(string target) => Processes(target).ToDictionary(p => p.Role, p => p.Process.Memory().Peak);

        /// <summary>Resets each process's peak resident memory (VmHWM), so a run's peak is its own, not an earlier one's.</summary>
        public void ResetPeakMemory(string target)
        {
            foreach (var (_, process) in Processes(target))
            {
                File.WriteAllText($"/proc/{process.Pid}/clear_refs", "5");
            }
        }

        /// <summary>Starts dotnet-trace (CPU sampling) on each server process of <paramref name="target"/>.</summary>
        public List<System.Diagnostics.Process> StartTracing(string target, string directory, TimeSpan duration)
        {
            Directory.CreateDirectory(directory);
            var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
            return [.. Processes(target).Select(p =>
            {
                var start = new System.Diagnostics.ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-trace")
                {
                    RedirectStandardOutput = true, // its progress lines would mix with the JSON lines
                    UseShellExecute = false,
                };
                foreach (var arg in new[]
                {
                    "collect", "-p", p.Process.Pid.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time",
                    "--duration", duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture), "-o", Path.Combine(directory, p.Role + ".nettrace"),
                })
                {
                    start.ArgumentList.Add(arg);
                }

                var tracer = System.Diagnostics.Process.Start(start)!;
                _ = tracer.StandardOutput.ReadToEndAsync(); // drained so the tool never blocks on a full pipe
                return tracer;
            })];
        }

        /// <summary>CPU seconds used so far by each server process, and by this generator process.</summary>
        public Dictionary<string, double> CpuSeconds(string target)
        {
            var seconds = Processes(target).ToDictionary(p => p.Role, p => p.Process.CpuTime.TotalSeconds);
            seconds["generator"] = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            if (_postgres is not null && target != "relay")
            {
                seconds["postgresql"] = PostgresCpuSeconds();
            }

            return seconds;
        }

        /// <summary>CPU seconds of this run's PostgreSQL server: its main process and its backends, including exited ones (Linux /proc).</summary>
        private double PostgresCpuSeconds()
        {
            var postmaster = _postgres!.PostmasterPid;
            long ticks = 0;
            foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
            {
                try
                {
                    // After "pid (command) ", field 3 (state) comes first: ppid is field 4; utime, stime, cutime, cstime
                    // are fields 14 to 17 (an exited backend's time is in the postmaster's cutime and cstime).
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    var pid = int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture);
                    if (pid == postmaster || fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
                    {
                        ticks += fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The process ended while being read.
                }
            }

            return ticks / 100.0; // USER_HZ is 100 on Linux
        }

        public async ValueTask DisposeAsync()
        {
            await _cluster.DisposeAsync();
            if (_postgres is not null)
            {
                await _postgres.DisposeAsync();
            }
        }
    }
}
