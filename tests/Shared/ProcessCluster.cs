using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        var settings = new Dictionary<string, string?>(siloSettings)
        {
            ["Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return await StartAsync("silo", "OrleansDirect.Silo", settings, [], "OrleansDirect silo ready", siloPort);
    }

    public async Task<ClusterProcess> StartGatewayAsync()
    {
        var port = FreePort();
        return await StartAsync("gateway", "OrleansDirect.Gateway", gatewaySettings, ["--urls", $"http://127.0.0.1:{port}"], "OrleansDirect gateway ready", port);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    private async Task<ClusterProcess> StartAsync(string kind, string project, IReadOnlyDictionary<string, string?> settings, string[] args, string readyLine, int port)
    {
        var folder = Path.Combine(RepositoryRoot(), kind, "bin", BuildConfiguration(), "net10.0");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(folder, project + ".dll"), "--contentRoot", folder }.Concat(args))
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
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

    public Task Ready => _ready.Task;

    public string Output => string.Join('\n', _output.TakeLast(60));

    public Uri HttpUri => new($"http://127.0.0.1:{Port}");

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/v1/ws");

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
