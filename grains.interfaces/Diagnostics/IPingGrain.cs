namespace OrleansDirect.Diagnostics;

/// <summary>
/// A cheap round trip to the cluster, for gateway health checks and for re-establishing a gateway's connection after
/// it lost the cluster. A stateless worker, always addressed with key <c>0</c>; it touches no data.
/// </summary>
[Alias("OrleansDirect.Diagnostics.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Completes when a silo answered.</summary>
    [Alias("Ping")]
    Task PingAsync();
}
