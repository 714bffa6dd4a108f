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
        var payloadId = await ParkWaitingForConnectionAsync(world, 77002);
        var queue = world.Services.GetRequiredService<WebhookQueueStore>();
        Assert.Empty(await queue.ClaimDueAsync("worker-under-test", 1, TimeSpan.FromSeconds(30), default));

        world.Clock.Advance(WaitingPayloadsSweep.Interval);
        // The class's tests share a database, so the round may also wake an earlier world's parked payload: claim until
        // this one comes.
        var woken = await Eventually.GetAsync(() => queue.ClaimDueAsync("worker-under-test", 10, TimeSpan.FromSeconds(30), default),
            claims => claims.Any(claim => claim.PayloadId == payloadId));

        // The sweep did what the connect's wake-up should have: operators see it counted.
        await Eventually.GetAsync(() => PrometheusText.ScrapeAsync(world.Client), s => s.Value("ai_sweeps_recovered_total", ("what", "waiting_connection")) >= 1);
        using var scope = world.Services.CreateScope();
        var booked = await world.Pump.WhileAsync(scope.ServiceProvider.GetRequiredService<PayloadProcessor>().ProcessAsync(woken.Single(claim => claim.PayloadId == payloadId), default));
        Assert.Equal(PayloadStatus.Succeeded, booked.Status);
    }

    /// <summary>
    /// An organization whose payloads the sweep cannot move (here the database refuses it) does not hold up the
    /// organizations after it: the round goes on, and tries the stuck one again next time.
    /// </summary>
    [Theory, BothDatabases]
    public async Task SweepThatCannotWakeOneOrganization_StillWakesThoseAfterIt(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var noWorkers = new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" };
        await using var stuck = await PipelineWorld.StartAsync(database, company: new CompanySettings { Country = "US" }, settings: noWorkers);
        await using var after = await PipelineWorld.StartAsync(database, company: new CompanySettings { Country = "US" }, settings: noWorkers);
        // The sweep visits organizations in id order; ids are time-ordered, so the stuck one comes first.
        Assert.True(string.CompareOrdinal(stuck.Organization.OrganizationId, after.Organization.OrganizationId) < 0);
        var stuckPayload = await ParkWaitingForConnectionAsync(stuck, 77003);
        var afterPayload = await ParkWaitingForConnectionAsync(after, 77004);
        await using var refused = await TestTrigger.RefuseQueueMoveAsync(database, stuck.Organization.OrganizationId, PayloadStatus.WaitingConnection,
            PayloadStatus.Queued);

        // The first world's instance runs the round (the second's clock stands still); it covers both organizations.
        stuck.Clock.Advance(WaitingPayloadsSweep.Interval);
        await Eventually.GetAsync(() => QueueStatusAsync(database, afterPayload), status => status == PayloadStatus.Queued);
        Assert.Equal(PayloadStatus.WaitingConnection, await QueueStatusAsync(database, stuckPayload));
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

    /// <summary>Receives an order and parks it as waiting for a connection, as an attempt that found none would.</summary>
    private static async Task<string> ParkWaitingForConnectionAsync(PipelineWorld world, long orderId)
    {
        using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(orderId));
        var payloadId = (await PipelineWorld.DataAsync(sent)).GetProperty("payloadId").GetString()!;
        var queue = world.Services.GetRequiredService<WebhookQueueStore>();
        Assert.Contains(await queue.ClaimDueAsync("worker-under-test", 10, TimeSpan.FromSeconds(30), default), claim => claim.PayloadId == payloadId);
        await world.Services.GetRequiredService<OutcomeRecorder>().FinishedAsync(
            new NewSyncLog { OrganizationId = world.Organization.OrganizationId, PayloadId = payloadId, Status = PayloadStatus.WaitingConnection, Attempt = 1 },
            "worker-under-test", "QBO_NOT_CONNECTED: not connected", world.Clock.GetUtcNow().UtcDateTime.AddDays(365), world.Services.GetRequiredService<LedgerStore>().ForAttempt(), default);
        return payloadId;
    }

    private static Task<string?> QueueStatusAsync(TestDatabase database, string payloadId) =>
        Sql.ScalarAsync<string>(database.Database, "SELECT status FROM webhook_queue WHERE payload_id = @PayloadId", new { PayloadId = payloadId });

    private static async Task<bool> ConnectedAsync(PipelineWorld world) =>
        (await world.Client.GetFromJsonAsync<JsonElement>($"/api/v1/org/{world.Slug}/status")).GetProperty("data").GetProperty("connected").GetBoolean();
}
