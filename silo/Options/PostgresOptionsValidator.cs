using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansDirect.Silo.Options;

/// <summary>Checks <see cref="PostgresOptions"/> when something uses PostgreSQL.</summary>
public sealed class PostgresOptionsValidator : IValidateOptions<PostgresOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("PostgreSQL:ConnectionString (env PostgreSQL__ConnectionString) is required when Cluster:Clustering is 'AdoNet' or Storage:Provider is 'PostgreSQL'.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"PostgreSQL:ConnectionString (env PostgreSQL__ConnectionString) is not a valid Npgsql connection string: {ex.Message}");
        }
    }
}
