using System.Diagnostics;
using Npgsql;

namespace OrleansDirect.Tests;

/// <summary>
/// A private PostgreSQL server for one test run: a fresh data directory under the temp folder, trust authentication on
/// 127.0.0.1 and a free port, removed afterwards. Needs the PostgreSQL server binaries (Debian: <c>postgresql</c>);
/// <c>./test.sh</c> and <c>.ci/run</c> install them. When run as root, the server runs as the <c>postgres</c> user,
/// because PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;
    private readonly string? _runAs;

    private PostgresServer(string directory, string bin, string? runAs, int port)
    {
        _directory = directory;
        _bin = bin;
        _runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's main process (first line of postmaster.pid); its backends are its children.</summary>
    public int PostmasterPid => int.Parse(File.ReadLines(Path.Combine(_directory, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts the server. Tests pass <paramref name="durable"/> false (no fsync: faster, and crash safety of the test
    /// database does not matter); benchmarks pass true so that figures include real commits to disk.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable = false, string extraSettings = "")
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or on PATH. " +
            "Install them (Debian: apt-get install -y postgresql) or run ./test.sh, which does.");
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var directory = Path.Combine(Path.GetTempPath(), "orleansdirect-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        if (runAs is not null)
        {
            await RunAsync("chown", $"{runAs} {directory}", null);
        }

        var port = Ports.Free();
        var server = new PostgresServer(directory, bin, runAs, port);
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {directory}/data -A trust -U postgres --no-sync", runAs);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            $"-D {directory}/data -l {directory}/log -w -o \"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300{(durable ? "" : " -c fsync=off")} {extraSettings}\" start", runAs);
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(_bin, "pg_ctl"), $"-D {_directory}/data -m immediate -w stop", _runAs);
        Directory.Delete(_directory, recursive: true);
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        return candidates.Concat(path).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static async Task RunAsync(string file, string arguments, string? runAs)
    {
        var start = runAs is null
            ? new ProcessStartInfo(file, arguments)
            : new ProcessStartInfo("runuser", $"-u {runAs} -- {file} {arguments}");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
