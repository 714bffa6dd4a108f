using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Infrastructure.QuickBooks.Metering;
using AccountingIntegration.Infrastructure.Telemetry;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Alerts;

/// <summary>
/// QBO reads are metered per app and month by Intuit: every instance's reads add up in the database, survive the
/// process, and operators are alerted once at the warning level and once when the budget is reached.
/// </summary>
public sealed class ReadBudgetAlertTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string OperatorSecret = "operator-alert-secret-0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, BothDatabases]
    public async Task ReadCounts_AddUpAcrossWritersAndMonths(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        var store = world.Services.GetRequiredService<QboReadUsageStore>();
        var realm = "read-usage-" + Guid.NewGuid().ToString("N")[..8];

        // Two instances flush the same company and month; one also has last month's reads left over.
        await store.AddAsync(new Dictionary<(string, string), long> { [("2031-04", realm)] = 7 }, default);
        await Task.WhenAll(
            store.AddAsync(new Dictionary<(string, string), long> { [("2031-04", realm)] = 5, [("2031-03", realm)] = 2 }, default),
            store.AddAsync(new Dictionary<(string, string), long> { [("2031-04", realm)] = 1 }, default));

        Assert.Equal(13, Assert.Single(await store.ListMonthAsync("2031-04", default), r => r.RealmId == realm).ReadCount);
        Assert.Equal(2, Assert.Single(await store.ListMonthAsync("2031-03", default), r => r.RealmId == realm).ReadCount);
    }

    [Theory, BothDatabases]
    public async Task ProxyReads_ReachTheSharedMonthlyFigure(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        var store = world.Services.GetRequiredService<QboReadUsageStore>();
        var month = QboReadTally.MonthOf(world.Clock.GetUtcNow());
        var before = await ReadsAsync(store, month, world.RealmId);

        using var read = await world.Client.GetAsync($"/api/v1/org/{world.Slug}/qbo/customers?pageSize=2");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        world.Clock.Advance(QboReadFlusher.Interval);

        var after = await Eventually.GetAsync(() => ReadsAsync(store, month, world.RealmId), r => r > before, Patience);
        Assert.True(after > before, $"reads went from {before} to {after}");
    }

    [Theory, BothDatabases]
    public async Task NearingAndReachingTheBudget_EachAlertOperatorsOnce(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), settings: new Dictionary<string, string>
        {
            ["ALERT_WEBHOOK_URL"] = new Uri(receiver.BaseUrl, "/ops").ToString(),
            ["ALERT_WEBHOOK_SECRET"] = OperatorSecret,
            // Far above what the other test classes' companies read in the shared database this month.
            ["QBO_READ_BUDGET"] = "1000000000",
            ["QBO_READ_ALERT_PERCENT"] = "80",
        });
        var (_, token) = await Admins.CreateAsync(world.Services);
        using var admin = Admins.Client(world.Connect.Service, token);
        var store = world.Services.GetRequiredService<QboReadUsageStore>();
        var month = QboReadTally.MonthOf(world.Clock.GetUtcNow());
        var others = (await store.ListMonthAsync(month, default)).Sum(r => r.ReadCount);

        // Another instance's flush brings the month to 80 % of the budget.
        await store.AddAsync(new Dictionary<(string, string), long> { [(month, world.RealmId)] = 800_000_000 - others }, default);
        world.Clock.Advance(AlertOptions.ReadBudgetSweepInterval);
        var warning = Assert.Single(await WaitForAlertsAsync(admin, 1));
        // A later sweep below the next level raises nothing new.
        world.Clock.Advance(AlertOptions.ReadBudgetSweepInterval);
        await store.AddAsync(new Dictionary<(string, string), long> { [(month, world.RealmId)] = 200_000_000 }, default);
        world.Clock.Advance(AlertOptions.ReadBudgetSweepInterval);
        var both = await WaitForAlertsAsync(admin, 2);

        Assert.Equal(80, warning.GetProperty("details").GetProperty("level").GetInt32());
        var top = warning.GetProperty("details").GetProperty("topCompanies")[0];
        Assert.Equal(world.RealmId, top.GetProperty("realmId").GetString());
        Assert.Contains(world.Slug, top.GetProperty("organizations").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal([80, 100], both.Select(a => a.GetProperty("details").GetProperty("level").GetInt32()).Order());
        // An app-wide budget: the alert is the operators', no organization's.
        Assert.All(both, a => Assert.True(!a.TryGetProperty("organizationId", out var organization) || organization.ValueKind == JsonValueKind.Null));
        await Eventually.GetAsync(() => Task.FromResult(receiver.At("/ops").Count), n => n == 2, Patience);
        Assert.All(receiver.At("/ops"), r => Assert.True(r.IsSignedWith(OperatorSecret)));
        Assert.Equal([80, 100], receiver.At("/ops").Select(r => r.Json.GetProperty("details").GetProperty("level").GetInt32()).Order());
    }

    private static async Task<long> ReadsAsync(QboReadUsageStore store, string month, string realmId) =>
        (await store.ListMonthAsync(month, default)).FirstOrDefault(r => r.RealmId == realmId)?.ReadCount ?? 0;

    private static Task<IReadOnlyList<JsonElement>> WaitForAlertsAsync(HttpClient admin, int count) =>
        Eventually.GetAsync(
            async () =>
            {
                var page = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/alerts?kind={AlertKinds.ReadBudget}");
                return (IReadOnlyList<JsonElement>)[.. page.GetProperty("data").EnumerateArray().Select(e => e.Clone())];
            },
            alerts => alerts.Count >= count,
            Patience);
}
