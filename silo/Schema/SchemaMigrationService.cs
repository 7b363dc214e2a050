namespace OrleansDirect.Silo.Schema;

/// <summary>Applies the schema before Orleans starts (registered ahead of the silo), when <c>PostgreSQL:ApplySchemaOnStart</c> is set.</summary>
public sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
