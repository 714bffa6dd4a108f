using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Data.Migrations;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// The database every feature's stores share, its migrations and retention. Stores themselves are
/// registered by the features that own them.
/// </summary>
internal static class DataLayerExtensions
{
    public static void AddDataLayer(this IHostApplicationBuilder builder)
    {
        DapperSetup.Configure();
        builder.AddSettings(problems => DatabaseOptions.Bind(builder.Configuration, problems));
        builder.AddSettings(problems => RetentionOptions.Bind(builder.Configuration, problems));
        builder.Services.AddSingleton(sp => new Database(sp.GetRequiredService<DatabaseOptions>().Url));
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddSingleton<DeadlockRetry>();
        builder.Services.AddSingleton<PartitionMaintenance>();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddSingleton<RetentionWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionWorker>());
        builder.Services.AddSingleton<SqliteMaintenance>();
        builder.Services.AddHostedService<SqliteMaintenanceWorker>();
        DataCommands.Register(builder);
        SqliteBackup.Register(builder);
    }
}
