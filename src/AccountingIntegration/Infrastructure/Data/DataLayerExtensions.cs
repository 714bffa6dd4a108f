using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Data.Migrations;

namespace AccountingIntegration.Infrastructure.Data;

internal static class DataLayerExtensions
{
    public static void AddDataLayer(this IHostApplicationBuilder builder)
    {
        DapperSetup.Configure();
        builder.Services.AddSingleton(sp => new Database(sp.GetRequiredService<DatabaseOptions>().Url));
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddDataStores();
        builder.Services.AddSingleton<PartitionMaintenance>();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHostedService<RetentionWorker>();
    }
}
