using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Operations;

/// <summary>A maintenance round shows in the metrics (each step by outcome) and in the audit log (one entry per round).</summary>
public sealed class MaintenanceVisibilityTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task MaintenanceRound_IsCountedPerStep_AndAudited(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false);
        var (_, token) = await Admins.CreateAsync(world.Services);
        using var admin = Admins.Client(world.Connect.Service, token);
        var before = await PrometheusText.ScrapeAsync(world.Client);

        var steps = await world.Services.GetRequiredService<RetentionWorker>().RunOnceAsync(default);
        await world.Services.GetRequiredService<AuditTrail>().FlushAsync();
        var after = await PrometheusText.ScrapeAsync(world.Client);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit-logs?action=system.maintenance_run");

        Assert.Contains(steps, s => s.Name == "partitions");
        Assert.All(steps, s => Assert.True(s.Succeeded, $"{s.Name}: {s.Error}"));
        foreach (var step in steps)
        {
            (string, string)[] labels = [("step", step.Name), ("outcome", "succeeded")];
            Assert.Equal(before.Value("ai_maintenance_steps_total", labels) + 1, after.Value("ai_maintenance_steps_total", labels));
        }

        var entry = Assert.Single(audit.GetProperty("data").EnumerateArray());
        Assert.Equal("system", entry.GetProperty("actorType").GetString());
        var details = entry.GetProperty("details");
        Assert.True(details.GetProperty("succeeded").GetBoolean());
        Assert.Equal(steps.Select(s => s.Name), details.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
    }
}
