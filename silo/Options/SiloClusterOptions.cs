namespace OrleansDirect.Silo.Options;

/// <summary>Cluster membership and endpoints (configuration section <c>Cluster</c>).</summary>
public sealed class SiloClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>
    /// <c>Localhost</c>: single machine, the first silo is the primary (development and tests).
    /// <c>AdoNet</c>: membership in PostgreSQL (<c>PostgreSQL:ConnectionString</c>); any number of silos on any hosts.
    /// </summary>
    public string Clustering { get; set; } = ClusteringModes.Localhost;

    public string ClusterId { get; set; } = "dev";

    public string ServiceId { get; set; } = "orleans-direct";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>With <c>Localhost</c> clustering, the silo port of the primary silo (defaults to this silo's own port).</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>Address other silos and clients use to reach this silo.</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";
}

/// <summary>Supported clustering modes.</summary>
public static class ClusteringModes
{
    public const string Localhost = "Localhost";
    public const string AdoNet = "AdoNet";
}
