using System.Net;
using System.Text.Json;
using AccountingIntegration.Infrastructure.Data.Migrations;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Theory, BothDatabases]
    public async Task ApiHealth_FreshDatabase_MigratesAtStartAndReportsLatestVersion(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, migrate: false);
        await using var service = await TestService.StartAsync(database);

        using var response = await service.Client.GetAsync("/api/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = body.RootElement;
        Assert.True(root.GetProperty("success").GetBoolean());
        var data = root.GetProperty("data");
        Assert.Equal("healthy", data.GetProperty("status").GetString());
        Assert.Equal(kind == DatabaseKind.Sqlite ? "sqlite" : "mysql", data.GetProperty("database").GetProperty("provider").GetString());
        Assert.True(data.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Equal(DatabaseMigrator.LatestVersion, data.GetProperty("database").GetProperty("migrationVersion").GetInt64());
        Assert.True(data.GetProperty("database").GetProperty("upToDate").GetBoolean());
        Assert.Equal(0, data.GetProperty("queueDepth").GetInt64());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("version").GetString()));
    }

    [Theory, BothDatabases]
    public async Task ApiHealth_MigrationsOffAndDatabaseEmpty_Reports503Unhealthy(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, migrate: false);
        await using var service = await TestService.StartAsync(database, new Dictionary<string, string> { ["RUN_MIGRATIONS_ON_START"] = "false" });

        using var response = await service.Client.GetAsync("/api/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("data").GetProperty("database").GetProperty("migrationVersion").ValueKind);
    }

    [Fact]
    public async Task Health_Always_ReturnsStatusAndServiceName()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var service = await TestService.StartAsync(database);

        var body = await service.Client.GetStringAsync("/health");

        Assert.Equal("""{"status":"healthy","service":"accounting-integration"}""", body);
    }
}
