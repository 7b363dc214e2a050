using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OrleansDirect.Gateway.Hosting;

/// <summary>Logs one line once the gateway is connected to the cluster and listening; scripts and tests wait for it.</summary>
public sealed partial class GatewayReadyLogger(IHostApplicationLifetime lifetime, IServer server, ILogger<GatewayReadyLogger> logger) : IHostedService
{
    public const string ReadyMessage = "OrleansDirect gateway ready";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
            LogReady(logger, string.Join(' ', server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = ReadyMessage + " on {Addresses}")]
    private static partial void LogReady(ILogger logger, string addresses);
}
