using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Data.Migrations;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>The schema and retention commands: <c>migrate</c> and <c>maintain-partitions</c>.</summary>
internal static class DataCommands
{
    public const string Migrate = "migrate";

    public static void Register(IHostApplicationBuilder builder)
    {
        // Commands run without the hosted services, so the schema is brought up to date before each.
        builder.AddCommandPreparation(async (services, command) =>
        {
            if (command.Name != Migrate && services.GetRequiredService<DatabaseOptions>().MigrateOnStart)
            {
                await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            }
        });
        builder.AddServiceCommand(Migrate, "apply pending database migrations and exit", async (services, _, _) =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            await services.GetRequiredService<PartitionMaintenance>().RunAsync();
            return 0;
        });
        builder.AddServiceCommand("maintain-partitions", "add coming partitions and drop expired ones (MySQL) or delete expired rows (SQLite)",
            async (services, _, _) =>
            {
                await services.GetRequiredService<RetentionWorker>().RunOnceAsync(CancellationToken.None);
                return 0;
            });
    }
}
