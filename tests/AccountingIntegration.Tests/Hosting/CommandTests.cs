using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Data.Migrations;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Hosting;

public sealed class CommandTests
{
    [Theory, BothDatabases]
    public async Task Migrate_FreshDatabase_AppliesEveryMigrationAndExitsZero(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, migrate: false);
        var settings = new Dictionary<string, string>(TestService.DefaultSettings) { ["DATABASE_URL"] = database.Url };
        string[] args = ["migrate", .. TestService.ToArgs(settings)];
        await using var app = Program.BuildApp(args);

        Assert.True(ServiceCommands.IsCommand(args));
        var exitCode = await ServiceCommands.RunAsync(app.Services, args);

        Assert.Equal(0, exitCode);
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        Assert.Equal(DatabaseMigrator.LatestVersion, await migrator.GetAppliedVersionAsync());
        Assert.Equal(database.Database.Url.ConnectionString, app.Services.GetRequiredService<Database>().Url.ConnectionString);
    }

    [Fact]
    public void IsCommand_NoArgumentsOrSettingsOnly_IsFalse()
    {
        Assert.False(ServiceCommands.IsCommand([]));
        Assert.False(ServiceCommands.IsCommand(["--PORT=9000"]));
    }
}
