using OrleansDirect.Diagnostics;

namespace OrleansDirect.Gateway.WebSockets;

/// <summary>
/// Keeps user streams alive across a loss of the cluster. The Orleans client reconnects only when it next sends
/// something, and a gateway whose sockets are merely listening may send nothing; so after a loss this pings the
/// cluster once a second until a call gets through. When the connection is restored, or when a silo gateway
/// disappears, every user stream is subscribed afresh (silos forget consumers they could not reach) and clients are
/// told to resync.
/// </summary>
/// <remarks>
/// Services are resolved when needed rather than injected: the hub needs the cluster client, and the cluster client
/// creates this observer, so constructor injection would be a dependency cycle.
/// </remarks>
public sealed partial class ClusterConnectionObserver(IServiceProvider services, ILogger<ClusterConnectionObserver> logger) : IClusterConnectionStatusObserver
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);
    private int _losses;
    private int _probing;

    public void NotifyClusterConnectionLost()
    {
        LogLost(logger);
        Interlocked.Increment(ref _losses);
        if (Interlocked.Exchange(ref _probing, 1) == 0)
        {
            _ = Task.Run(ProbeUntilConnectedAsync);
        }
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        // A silo that disappears takes stream events with it, and deliveries to this gateway that failed through it
        // can make the pulling agents drop our consumers. So losing a silo is treated like a reconnect: every feed
        // is subscribed afresh and clients are told to resync.
        // With no silo left there is nothing to subscribe to; the recovery notification comes later.
        if (connectionRecovered || (currentNumberOfGateways < previousNumberOfGateways && currentNumberOfGateways > 0))
        {
            LogResubscribing(logger, previousNumberOfGateways, currentNumberOfGateways);
            _ = Task.Run(() => services.GetRequiredService<UserStreamHub>().ResubscribeAllAsync());
        }
    }

    private async Task ProbeUntilConnectedAsync()
    {
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        while (!stopping.IsCancellationRequested)
        {
            var losses = Volatile.Read(ref _losses);
            try
            {
                await services.GetRequiredService<IClusterClient>().GetGrain<IPingGrain>(0).PingAsync().WaitAsync(ProbeInterval, stopping);

                // Connected. Stop probing unless another loss was reported meanwhile.
                Volatile.Write(ref _probing, 0);
                if (Volatile.Read(ref _losses) == losses || Interlocked.Exchange(ref _probing, 1) != 0)
                {
                    return;
                }
            }
            catch (Exception) when (!stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(ProbeInterval, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Volatile.Write(ref _probing, 0);
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Lost the connection to the cluster; probing until it is back")]
    private static partial void LogLost(ILogger logger);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Silo gateways {Previous} -> {Current}; re-subscribing user streams and asking clients to resync")]
    private static partial void LogResubscribing(ILogger logger, int previous, int current);
}
