using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansDirect.Silo.Hosting;

/// <summary>Logs one line when the silo has joined the cluster and serves requests; scripts and tests wait for it.</summary>
public sealed partial class SiloReadyLogger(IHostApplicationLifetime lifetime, IOptions<EndpointOptions> endpoints, ILogger<SiloReadyLogger> logger) : IHostedService
{
    public const string ReadyMessage = "OrleansDirect silo ready";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => LogReady(logger, endpoints.Value.SiloPort, endpoints.Value.GatewayPort));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = ReadyMessage + " (silo port {SiloPort}, gateway port {GatewayPort})")]
    private static partial void LogReady(ILogger logger, int siloPort, int gatewayPort);
}
