using AccountingIntegration.Infrastructure.Data.Migrations;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Brings the schema up to date before anything else starts (workers, the HTTP server), when
/// RUN_MIGRATIONS_ON_START allows, and prepares the coming partitions. A lifecycle
/// "starting" hook runs ahead of every hosted service's StartAsync.
/// </summary>
internal sealed class DatabaseStartup(DatabaseOptions options, Database database, DatabaseMigrator migrator, PartitionMaintenance maintenance)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.MigrateOnStart)
        {
            // Still refuse to start against a database that cannot be opened, rather than fail every request.
            await using var connection = await database.OpenAsync(cancellationToken);
            return;
        }

        await migrator.MigrateAsync(cancellationToken);
        await maintenance.RunAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
