using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansDirect.Gateway.Hosting;
using OrleansDirect.Gateway.Http;
using OrleansDirect.Gateway.WebSockets;
using OrleansDirect.Silo.Hosting;

namespace OrleansDirect.Tests;

/// <summary>
/// Silos built by the production <c>AddOrleansDirectSilo</c> on free loopback ports (real TCP), and gateways on real
/// Kestrel listeners that connect to them as separate Orleans clients, all in this process. Used by the end-to-end
/// tests and the benchmarks. (The TestingHost's in-process cluster uses an in-memory transport that an outside client
/// cannot reach.)
/// </summary>
public sealed class LocalSystem : IAsyncDisposable
{
    private readonly List<WebApplication> _gateways = [];
    private readonly List<IHost> _silos = [];
    private readonly List<(int SiloPort, int GatewayPort)> _ports = [];
    private readonly string _clusterId;
    private readonly IReadOnlyDictionary<string, string?> _siloSettings;
    private readonly IReadOnlyDictionary<string, string?> _gatewaySettings;

    private LocalSystem(IReadOnlyDictionary<string, string?> siloSettings, IReadOnlyDictionary<string, string?> gatewaySettings)
    {
        _siloSettings = siloSettings;
        _gatewaySettings = gatewaySettings;
        _clusterId = siloSettings.GetValueOrDefault("Cluster:ClusterId") ?? "local-" + Guid.NewGuid().ToString("N")[..8];
    }

    public static async Task<LocalSystem> StartAsync(int silos, IReadOnlyDictionary<string, string?> siloSettings, IReadOnlyDictionary<string, string?> gatewaySettings)
    {
        var system = new LocalSystem(siloSettings, gatewaySettings);
        var primaryPort = Ports.Free();
        for (var i = 0; i < silos; i++)
        {
            system._ports.Add((i == 0 ? primaryPort : Ports.Free(), Ports.Free()));
        }

        await system.StartSilosAsync();
        return system;
    }

    /// <summary>The service provider of a running silo.</summary>
    public IServiceProvider SiloServices(int index) => _silos[index].Services;

    /// <summary>Stops every silo and starts them again on the same ports: a whole-cluster restart.</summary>
    public async Task RestartSilosAsync()
    {
        await StopSilosAsync();
        await StartSilosAsync();
    }

    /// <summary>Starts a gateway; <paramref name="extraSettings"/> add to or override the system's gateway settings.</summary>
    public async Task<RunningGateway> StartGatewayAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Defaults first; the caller's settings win (e.g. AdoNet clustering instead of the static gateway list).
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Cluster:Clustering"] = "Static",
            ["Cluster:ClusterId"] = _clusterId,
        };
        for (var i = 0; i < _ports.Count; i++)
        {
            settings[$"Cluster:StaticGateways:{i}"] = $"127.0.0.1:{_ports[i].GatewayPort}";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(_gatewaySettings);
        builder.Configuration.AddInMemoryCollection(extraSettings ?? new Dictionary<string, string?>());
        builder.AddOrleansDirectGateway();
        var app = builder.Build();
        app.UseOrleansDirectGateway();
        app.MapOrleansDirectEndpoints();
        await app.StartAsync();
        _gateways.Add(app);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningGateway(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        // Stop before dispose: disposing a running host tears down its Orleans client while silos may still send
        // to it, and the client then throws on a pool thread, which ends the test process.
        foreach (var app in _gateways)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await StopSilosAsync();
    }

    private async Task StopSilosAsync()
    {
        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        _silos.Clear();
    }

    private async Task StartSilosAsync()
    {
        foreach (var (siloPort, gatewayPort) in _ports)
        {
            await StartSiloAsync(siloPort, gatewayPort, _ports[0].SiloPort);
        }
    }

    private async Task StartSiloAsync(int siloPort, int gatewayPort, int primaryPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(_siloSettings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = _clusterId,
            ["Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:PrimarySiloPort"] = primaryPort.ToString(CultureInfo.InvariantCulture),
        });
        builder.AddOrleansDirectSilo();
        var silo = builder.Build();
        await silo.StartAsync();
        _silos.Add(silo);
    }
}

/// <summary>A started gateway and where to reach it.</summary>
public sealed record RunningGateway(WebApplication App, Uri BaseAddress)
{
    public Uri WebSocketUri => new($"ws://{BaseAddress.Authority}{WebSocketEndpoints.Path}");

    public UserStreamHub Hub => App.Services.GetRequiredService<UserStreamHub>();

    public IClusterClient ClusterClient => App.Services.GetRequiredService<IClusterClient>();

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };
}
