using System.Diagnostics.Metrics;

namespace OrleansDirect.Gateway.Hosting;

/// <summary>Gateway instruments, on the meter <c>OrleansDirect.Gateway</c>. No user ids in tags.</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "OrleansDirect.Gateway";
    public const string OverflowsName = "orleansdirect.gateway.send_queue.overflows";

    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _overflows;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _connections = meter.CreateUpDownCounter<long>("orleansdirect.gateway.connections", description: "Open client WebSockets.");
        _overflows = meter.CreateCounter<long>(OverflowsName, description: "Connections closed because their send queue overflowed.");
    }

    public void ConnectionOpened() => _connections.Add(1);

    public void ConnectionClosed() => _connections.Add(-1);

    public void SendQueueOverflowed() => _overflows.Add(1);
}
