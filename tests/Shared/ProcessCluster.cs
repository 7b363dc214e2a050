using System.Diagnostics;

namespace OrleansDirect.Tests;

/// <summary>
/// Silos and gateways as real OS processes, started from the projects' build output with settings passed as
/// environment variables, so tests can kill them with SIGKILL. Each process is ready when it logs its "ready" line.
/// </summary>
public sealed class ProcessCluster(IReadOnlyDictionary<string, string?> siloSettings, IReadOnlyDictionary<string, string?> gatewaySettings) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<ClusterProcess> _processes = [];

    public IReadOnlyList<ClusterProcess> Silos => _processes.Where(p => p.Kind == "silo").ToList();

    public IReadOnlyList<ClusterProcess> Gateways => _processes.Where(p => p.Kind == "gateway").ToList();

    public async Task<ClusterProcess> StartSiloAsync()
    {
        var (siloPort, gatewayPort) = (Ports.Free(), Ports.Free());
        var settings = new Dictionary<string, string?>(siloSettings)
        {
            ["Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var silo = await StartAsync("silo", "OrleansDirect.Silo", settings, [], "OrleansDirect silo ready", siloPort);
        silo.GatewayPort = gatewayPort;
        return silo;
    }

    /// <summary>Starts a gateway; <paramref name="extraSettings"/> add to or override the cluster's gateway settings.</summary>
    public async Task<ClusterProcess> StartGatewayAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var port = Ports.Free();
        var settings = new Dictionary<string, string?>(gatewaySettings);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await StartAsync("gateway", "OrleansDirect.Gateway", settings, ["--urls", $"http://127.0.0.1:{port}"], "OrleansDirect gateway ready", port);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>Starts another program (a .NET assembly) alongside the cluster, stopped with it; e.g. a benchmark's baseline server.</summary>
    public Task<ClusterProcess> StartProgramAsync(string kind, string assembly, string[] args, string readyLine, int port) =>
        LaunchAsync(kind, assembly, Path.GetDirectoryName(assembly)!, new Dictionary<string, string?>(), args, readyLine, port);

    private Task<ClusterProcess> StartAsync(string kind, string project, IReadOnlyDictionary<string, string?> settings, string[] args, string readyLine, int port)
    {
        var folder = Path.Combine(RepositoryRoot(), kind, "bin", BuildConfiguration(), "net10.0");
        return LaunchAsync(kind, Path.Combine(folder, project + ".dll"), folder, settings, args, readyLine, port);
    }

    private async Task<ClusterProcess> LaunchAsync(string kind, string assembly, string folder, IReadOnlyDictionary<string, string?> settings, string[] args, string readyLine, int port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { assembly }.Concat(args).Concat(["--contentRoot", folder]))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__Console__FormatterName"] = "simple";
        var process = new ClusterProcess(kind, port, Process.Start(start)!, readyLine);
        _processes.Add(process);
        await Await.Signal(process.Ready, $"{kind} on port {port} to log '{readyLine}'", StartTimeout);
        return process;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansDirect.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OrleansDirect.sln not found above " + AppContext.BaseDirectory);
    }

    private static string BuildConfiguration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}

/// <summary>One silo or gateway process; its output is kept for failure messages.</summary>
public sealed class ClusterProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    public ClusterProcess(string kind, int port, Process process, string readyLine)
    {
        (Kind, Port, _process) = (kind, port, process);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            _output.Enqueue(line);
            while (_output.Count > 200 && _output.TryDequeue(out _))
            {
            }

            if (line.Contains(readyLine, StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"{kind} exited during start-up:\n{Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Kind { get; }

    /// <summary>The silo port (silos) or the HTTP port (gateways).</summary>
    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>A silo's port for Orleans clients (gateways); 0 for other processes.</summary>
    public int GatewayPort { get; internal set; }

    public Task Ready => _ready.Task;

    public string Output => string.Join('\n', _output.TakeLast(60));

    public Uri HttpUri => new($"http://127.0.0.1:{Port}");

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/v1/ws");

    /// <summary>Resident memory now and at its peak, in bytes (Linux: VmRSS and VmHWM of /proc/PID/status).</summary>
    public (long Resident, long Peak) Memory()
    {
        long Field(string[] lines, string name) =>
            lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
                ? long.Parse(line[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024 : 0;
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        return (Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }

    /// <summary>CPU time the process has used so far (user and system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
