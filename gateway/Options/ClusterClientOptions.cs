namespace OrleansDirect.Gateway.Options;

/// <summary>How the gateway finds the silos (configuration section <c>Cluster</c>).</summary>
public sealed class ClusterClientOptions
{
    public const string SectionName = "Cluster";

    /// <summary>
    /// <c>Localhost</c>: one silo gateway on 127.0.0.1:<see cref="GatewayPort"/>. <c>Static</c>: the list in
    /// <see cref="StaticGateways"/>. <c>AdoNet</c>: the silos found in the PostgreSQL membership table
    /// (<see cref="ConnectionString"/>).
    /// </summary>
    public string Clustering { get; set; } = "Localhost";

    public string ClusterId { get; set; } = "dev";

    public string ServiceId { get; set; } = "orleans-direct";

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Npgsql connection string of the membership database, for <c>AdoNet</c> clustering.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Silo gateway endpoints as <c>ip:port</c>, for <c>Static</c> clustering.</summary>
    public List<string> StaticGateways { get; set; } = [];
}
