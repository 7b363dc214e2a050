using System.Net;
using Microsoft.Extensions.Options;

namespace OrleansDirect.Gateway.Options;

/// <summary>Checks <see cref="ClusterClientOptions"/>.</summary>
public sealed class ClusterClientOptionsValidator : IValidateOptions<ClusterClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterClientOptions options)
    {
        List<string> failures = [];
        switch (options.Clustering)
        {
            case "Localhost":
                if (options.GatewayPort is < 1 or > 65535)
                {
                    failures.Add($"Cluster:GatewayPort (env Cluster__GatewayPort) must be a TCP port; it is {options.GatewayPort}.");
                }

                break;
            case "Static":
                if (options.StaticGateways.Count == 0 || !options.StaticGateways.TrueForAll(g => IPEndPoint.TryParse(g, out var ep) && ep.Port > 0))
                {
                    failures.Add("Cluster:StaticGateways (env Cluster__StaticGateways__0, __1, ...) must list at least one silo gateway as ip:port.");
                }

                break;
            case "AdoNet":
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    failures.Add("Cluster:ConnectionString (env Cluster__ConnectionString) is required for 'AdoNet' clustering: the PostgreSQL database the silos use.");
                }
                else
                {
                    try
                    {
                        _ = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
                    }
                    catch (ArgumentException ex)
                    {
                        failures.Add($"Cluster:ConnectionString (env Cluster__ConnectionString) is not a valid Npgsql connection string: {ex.Message}");
                    }
                }

                break;
            default:
                failures.Add($"Cluster:Clustering (env Cluster__Clustering) must be 'Localhost', 'Static' or 'AdoNet'; it is '{options.Clustering}'.");
                break;
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Cluster:ClusterId and Cluster:ServiceId (env Cluster__ClusterId, Cluster__ServiceId) must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
