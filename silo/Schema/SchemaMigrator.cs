using System.Globalization;
using System.Reflection;
using Npgsql;

namespace OrleansDirect.Silo.Schema;

/// <summary>
/// Applies the SQL scripts embedded from <c>silo/Schema/NNNN_name.sql</c> in version order, each in its own
/// transaction, recording each in <c>orleansdirect_schema_version</c> so it runs once. A PostgreSQL advisory lock
/// serialises silos that start together. The scripts are also idempotent, so a half-recorded run is safe to repeat.
/// </summary>
public sealed partial class SchemaMigrator(string connectionString, ILogger logger)
{
    // "ODSCHEMA" as a 64-bit key for pg_advisory_lock.
    private const long AdvisoryLockKey = 0x4F44_5343_4845_4D41;

    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS orleansdirect_schema_version (
            version integer PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now());
        """;

    /// <summary>The embedded scripts, in the order they are applied.</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>Applies every script not yet recorded; returns how many were applied.</summary>
    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(" + AdvisoryLockKey.ToString(CultureInfo.InvariantCulture) + ")", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, VersionTable, cancellationToken);
            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM orleansdirect_schema_version", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var count = 0;
            foreach (var script in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO orleansdirect_schema_version (version, name) VALUES (@v, @n)", connection, transaction);
                record.Parameters.AddWithValue("v", script.Version);
                record.Parameters.AddWithValue("n", script.Name);
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, script.Version, script.Name);
                count++;
            }

            LogUpToDate(logger, Scripts.Count == 0 ? 0 : Scripts[^1].Version, count);
            return count;
        }
        finally
        {
            // Closing the connection releases the lock as well; a failure here must not hide the original error.
            try
            {
                await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(" + AdvisoryLockKey.ToString(CultureInfo.InvariantCulture) + ")", CancellationToken.None);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SchemaScript> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Schema/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n["Schema/".Length..^".sql".Length];
                var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new SchemaScript(version, name, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Applied schema script {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Schema is at version {Version}; {Count} script(s) applied now")]
    private static partial void LogUpToDate(ILogger logger, int version, int count);
}

/// <summary>One embedded schema script.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);
