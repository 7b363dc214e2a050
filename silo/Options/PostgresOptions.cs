namespace OrleansDirect.Silo.Options;

/// <summary>The PostgreSQL database used by <c>AdoNet</c> clustering and <c>PostgreSQL</c> storage (section <c>PostgreSQL</c>).</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "PostgreSQL";

    /// <summary>Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Database=orleansdirect;Username=od;Password=...</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply the schema scripts (idempotent, versioned) when the silo starts, before Orleans starts.</summary>
    public bool ApplySchemaOnStart { get; set; }
}
