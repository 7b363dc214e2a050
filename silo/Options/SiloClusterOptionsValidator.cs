using System.Net;
using Microsoft.Extensions.Options;

namespace OrleansDirect.Silo.Options;

/// <summary>Checks <see cref="SiloClusterOptions"/>; each message names the setting and its environment variable.</summary>
public sealed class SiloClusterOptionsValidator : IValidateOptions<SiloClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloClusterOptions options)
    {
        List<string> failures = [];
        if (options.Clustering is not (ClusteringModes.Localhost or ClusteringModes.AdoNet))
        {
            failures.Add($"Cluster:Clustering (env Cluster__Clustering) must be '{ClusteringModes.Localhost}' or '{ClusteringModes.AdoNet}'; it is '{options.Clustering}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Cluster:ClusterId (env Cluster__ClusterId) must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Cluster:ServiceId (env Cluster__ServiceId) must not be empty.");
        }

        CheckPort(failures, "SiloPort", options.SiloPort);
        CheckPort(failures, "GatewayPort", options.GatewayPort);
        if (options.PrimarySiloPort is { } primary)
        {
            CheckPort(failures, "PrimarySiloPort", primary);
        }

        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add("Cluster:SiloPort and Cluster:GatewayPort (env Cluster__SiloPort, Cluster__GatewayPort) must differ.");
        }

        if (!IPAddress.TryParse(options.AdvertisedIPAddress, out _))
        {
            failures.Add($"Cluster:AdvertisedIPAddress (env Cluster__AdvertisedIPAddress) must be an IP address; it is '{options.AdvertisedIPAddress}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(List<string> failures, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"Cluster:{key} (env Cluster__{key}) must be a TCP port between 1 and 65535; it is {port}.");
        }
    }
}
