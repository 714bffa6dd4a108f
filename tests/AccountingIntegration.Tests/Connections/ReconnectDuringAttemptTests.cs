using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Connections;

/// <summary>
/// A company reconnects while a worker is between reading its connection as broken and parking the payload to wait
/// for a reconnect. The reconnect's wake-up finds the payload still processing and passes it by, so unless parking
/// looks again the payload sleeps a year; and the worker's verdict on the old tokens must not condemn the new ones.
/// </summary>
public sealed class ReconnectDuringAttemptTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan RefreshLatency = TimeSpan.FromSeconds(5);

    [Theory, BothDatabases]
    public async Task ReconnectWhileAWorkerParksThePayload_LeavesItDue_AndTheNewConnectionStands(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), company: new CompanySettings { Country = "US" },
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(77001));
        var payloadId = (await PipelineWorld.DataAsync(sent)).GetProperty("payloadId").GetString()!;
        // Intuit revokes the grant, and the access token is due for a refresh: the attempt's refresh will be refused.
        (await world.Control.PostAsJsonAsync("/_sandbox/tokens/revoke", new { realmId = world.RealmId })).EnsureSuccessStatusCode();
        world.Clock.Advance(TimeSpan.FromHours(2));
        // The refused refresh is held at Intuit until the test moves the clock, so the reconnect lands inside the attempt.
        await world.AddFaultAsync(new { path = "/oauth2/v1/tokens/bearer", latencyMs = (int)RefreshLatency.TotalMilliseconds, count = 1 });
        var queue = world.Services.GetRequiredService<WebhookQueueStore>();
        var claim = Assert.Single(await queue.ClaimDueAsync("worker-under-test", 1, TimeSpan.FromSeconds(30), default));

        using var scope = world.Services.CreateScope();
        var attempt = scope.ServiceProvider.GetRequiredService<PayloadProcessor>().ProcessAsync(claim, default);
        await Eventually.GetAsync(() => Task.FromResult(world.Connect.Sandbox.State.RequestsWaitingOnLatency), waiting => waiting == 1);
        await world.Connect.ConnectAsync(world.Organization, world.ApiKey);
        world.Clock.Advance(RefreshLatency);
        var outcome = await attempt;

        Assert.Equal(PayloadStatus.WaitingConnection, outcome.Status);
        Assert.True(await ConnectedAsync(world), "the refresh refused for the old tokens marked the new connection for reconnection");
        var next = Assert.Single(await queue.ClaimDueAsync("worker-under-test", 1, TimeSpan.FromSeconds(30), default));
        Assert.Equal(payloadId, next.PayloadId);
        using var retryScope = world.Services.CreateScope();
        var retried = await world.Pump.WhileAsync(retryScope.ServiceProvider.GetRequiredService<PayloadProcessor>().ProcessAsync(next, default));
        Assert.Equal(PayloadStatus.Succeeded, retried.Status);
    }

    /// <summary>
    /// The connect's wake-up never reached a parked payload: the instance stopped just after storing the connection,
    /// or the wake-up failed. Parked a year ahead, it is woken by the sweep that every instance runs.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PayloadParkedWhileTheCompanyIsConnected_IsWokenByTheSweep_AndBooked(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), company: new CompanySettings { Country = "US" },
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(77002));
        var payloadId = (await PipelineWorld.DataAsync(sent)).GetProperty("payloadId").GetString()!;
        var queue = world.Services.GetRequiredService<WebhookQueueStore>();
        Assert.Single(await queue.ClaimDueAsync("worker-under-test", 1, TimeSpan.FromSeconds(30), default));
        await world.Services.GetRequiredService<OutcomeRecorder>().FinishedAsync(
            new NewSyncLog { OrganizationId = world.Organization.OrganizationId, PayloadId = payloadId, Status = PayloadStatus.WaitingConnection, Attempt = 1 },
            "QBO_NOT_CONNECTED: not connected", world.Clock.GetUtcNow().UtcDateTime.AddDays(365), world.Services.GetRequiredService<LedgerStore>().ForAttempt(), default);
        Assert.Empty(await queue.ClaimDueAsync("worker-under-test", 1, TimeSpan.FromSeconds(30), default));

        world.Clock.Advance(WaitingPayloadsSweep.Interval);
        var woken = await Eventually.GetAsync(() => queue.ClaimDueAsync("worker-under-test", 1, TimeSpan.FromSeconds(30), default), c => c.Count == 1);

        Assert.Equal(payloadId, woken[0].PayloadId);
        // The sweep did what the connect's wake-up should have: operators see it counted. (The class's tests share a
        // database, so the round may also have woken an earlier world's payload.)
        await Eventually.GetAsync(() => PrometheusText.ScrapeAsync(world.Client), s => s.Value("ai_sweeps_recovered_total", ("what", "waiting_connection")) >= 1);
        using var scope = world.Services.CreateScope();
        var booked = await world.Pump.WhileAsync(scope.ServiceProvider.GetRequiredService<PayloadProcessor>().ProcessAsync(woken[0], default));
        Assert.Equal(PayloadStatus.Succeeded, booked.Status);
    }

    [Theory, BothDatabases]
    public async Task PayloadsWaitingForAConnection_ShowTheirAgeInHealthAndStats(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false);
        var (_, token) = await Admins.CreateAsync(world.Services);
        using var admin = Admins.Client(world.Connect.Service, token);
        var sale = await world.DeliverFixtureAsync("shopify/orders-create.json");
        Assert.Equal(PayloadStatus.WaitingConnection, sale.Status);

        world.Clock.Advance(TimeSpan.FromHours(3));

        var health = (await world.Client.GetFromJsonAsync<JsonElement>("/api/health")).GetProperty("data");
        Assert.InRange(health.GetProperty("oldestWaitingConnectionAgeSeconds").GetInt64(), 3 * 3600, (3 * 3600) + 60);
        var stats = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/system/stats")).GetProperty("data").GetProperty("queue");
        Assert.InRange(stats.GetProperty("oldestWaitingConnectionAgeSeconds").GetDouble(), 3 * 3600, (3 * 3600) + 60);
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("oldestDueAgeSeconds").ValueKind);
    }

    private static async Task<bool> ConnectedAsync(PipelineWorld world) =>
        (await world.Client.GetFromJsonAsync<JsonElement>($"/api/v1/org/{world.Slug}/status")).GetProperty("data").GetProperty("connected").GetBoolean();
}
