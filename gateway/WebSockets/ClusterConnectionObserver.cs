namespace OrleansDirect.Gateway.WebSockets;

/// <summary>Re-subscribes every user stream when the gateway's connection to the cluster is restored.</summary>
/// <remarks>
/// The hub is resolved when needed rather than injected: the hub needs the cluster client, and the cluster client
/// creates this observer, so constructor injection would be a dependency cycle.
/// </remarks>
public sealed partial class ClusterConnectionObserver(IServiceProvider services, ILogger<ClusterConnectionObserver> logger) : IClusterConnectionStatusObserver
{
    public void NotifyClusterConnectionLost() => LogLost(logger);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (connectionRecovered)
        {
            LogRecovered(logger);
            _ = Task.Run(() => services.GetRequiredService<UserStreamHub>().ResubscribeAllAsync());
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Lost the connection to the cluster")]
    private static partial void LogLost(ILogger logger);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Cluster connection recovered; re-subscribing user streams")]
    private static partial void LogRecovered(ILogger logger);
}
