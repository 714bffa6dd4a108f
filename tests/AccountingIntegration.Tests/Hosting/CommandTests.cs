using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Data.Migrations;
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

        Assert.True(ServiceCommands.IsCommand(app.Services, args));
        var exitCode = await ServiceCommands.RunAsync(app.Services, args);

        Assert.Equal(0, exitCode);
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        Assert.Equal(DatabaseMigrator.LatestVersion, await migrator.GetAppliedVersionAsync());
        Assert.Equal(database.Database.Url.ConnectionString, app.Services.GetRequiredService<Database>().Url.ConnectionString);
    }

    [Theory, BothDatabases]
    public async Task CreateOrganizationThenGenerateApiKey_KeyOpensTheOrganizationsRoutes(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, migrate: false);
        var settings = new Dictionary<string, string>(TestService.DefaultSettings) { ["DATABASE_URL"] = database.Url };
        var slug = Unique.Slug("cli");
        var output = new StringWriter();
        await using (var app = Program.BuildApp(TestService.ToArgs(settings)))
        {
            Assert.Equal(0, await ServiceCommands.RunAsync(app.Services, ["create-organization", "--slug", slug, "--name", "CLI Co", "--plan", "starter"], output));
            Assert.Equal(0, await ServiceCommands.RunAsync(app.Services, ["generate-api-key", "--org", slug], output));
        }

        var key = output.ToString().Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("aik_", StringComparison.Ordinal));
        await using var service = await TestService.StartAsync(database);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/org/{slug}/status");
        request.Headers.Add("X-API-Key", key);
        using var response = await service.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"planTier\":\"starter\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "create-organization", "--slug", "No Caps" }, "create-organization: The slug must be 3-63 characters")]
    [InlineData(new[] { "create-organization", "--slug", "okay-slug", "--plan", "gold" }, "create-organization: The plan must be one of")]
    [InlineData(new[] { "create-organization", "--slug", "admin" }, "create-organization: The slug 'admin' is reserved.")]
    [InlineData(new[] { "create-organization", "--slug", "acme-" }, "create-organization: The slug must start and end with a letter or digit")]
    [InlineData(new[] { "create-organization", "--slug", "ac--me" }, "create-organization: The slug must start and end with a letter or digit")]
    [InlineData(new[] { "create-organization" }, "create-organization: --slug is required.")]
    [InlineData(new[] { "generate-api-key", "--org", "nobody-here" }, "generate-api-key: No active organization has the slug 'nobody-here'.")]
    public async Task Commands_BadArguments_ExplainAndExitOne(string[] command, string expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var settings = new Dictionary<string, string>(TestService.DefaultSettings) { ["DATABASE_URL"] = database.Url };
        await using var app = Program.BuildApp(TestService.ToArgs(settings));
        var errors = new StringWriter();
        var original = Console.Error;

        int exitCode;
        Console.SetError(errors);
        try
        {
            exitCode = await ServiceCommands.RunAsync(app.Services, command, TextWriter.Null);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(1, exitCode);
        Assert.StartsWith(expected, errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsCommand_NoArgumentsOrSettingsOnly_IsFalse()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, migrate: false);
        var settings = new Dictionary<string, string>(TestService.DefaultSettings) { ["DATABASE_URL"] = database.Url };
        await using var app = Program.BuildApp(TestService.ToArgs(settings));

        Assert.False(ServiceCommands.IsCommand(app.Services, []));
        Assert.False(ServiceCommands.IsCommand(app.Services, ["--PORT=9000"]));
        Assert.True(ServiceCommands.IsCommand(app.Services, ["help"]));
    }
}
