using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using OrleansDirect.Silo.Hosting;
using OrleansDirect.Gateway.Hosting;
using OrleansDirect.Gateway.Http;
using OrleansDirect.Gateway.WebSockets;

namespace OrleansDirect.Tests;

/// <summary>
/// Two silos built by the production <c>AddOrleansDirectSilo</c> on free loopback ports (real TCP: the TestingHost's
/// in-process cluster uses an in-memory transport that an outside client cannot reach), and a gateway on a real
/// Kestrel listener at 127.0.0.1:&lt;ephemeral&gt; that connects to them as a separate Orleans client, exactly as in
/// production. Tests may start more gateways.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string?> GatewaySettings = new Dictionary<string, string?>
    {
        ["Gateway:AuthTimeout"] = "00:00:02",
        ["Gateway:SendQueueCapacity"] = "16",
        ["Gateway:OverflowCloseTimeout"] = "00:01:00",
        ["Gateway:MaxSyncMessages"] = "100",
    };

    private readonly List<WebApplication> _gateways = [];
    private readonly List<IHost> _silos = [];
    private readonly List<int> _gatewayPorts = [];
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];

    public RunningGateway Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var primaryPort = FreePort();
        for (var i = 0; i < 2; i++)
        {
            var siloPort = i == 0 ? primaryPort : FreePort();
            var gatewayPort = FreePort();
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(TestSettings.Silo);
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
            _gatewayPorts.Add(gatewayPort);
        }

        Gateway = await StartGatewayAsync();
    }

    /// <summary>Starts one more gateway process-equivalent against the same cluster.</summary>
    public async Task<RunningGateway> StartGatewayAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = new Dictionary<string, string?>(GatewaySettings)
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Cluster:Clustering"] = "Static",
            ["Cluster:ClusterId"] = _clusterId,
        };
        for (var i = 0; i < _gatewayPorts.Count; i++)
        {
            settings[$"Cluster:StaticGateways:{i}"] = $"127.0.0.1:{_gatewayPorts[i]}";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddOrleansDirectGateway();
        var app = builder.Build();
        app.UseOrleansDirectGateway();
        app.MapHealthChecks("/health");
        app.MapAccountEndpoints();
        app.MapWebSocketEndpoints();
        await app.StartAsync();
        _gateways.Add(app);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningGateway(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _gateways)
        {
            await app.DisposeAsync();
        }

        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
