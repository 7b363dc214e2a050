namespace OrleansDirect.Silo.Options;

/// <summary>Where grain state lives (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// <c>Memory</c>: in-process, lost when the cluster stops (development and tests).
    /// <c>PostgreSQL</c>: grain state and reminders in PostgreSQL (<c>PostgreSQL:ConnectionString</c>).
    /// </summary>
    public string Provider { get; set; } = StorageProviders.Memory;
}

/// <summary>Supported storage providers.</summary>
public static class StorageProviders
{
    public const string Memory = "Memory";
    public const string PostgreSQL = "PostgreSQL";
}
