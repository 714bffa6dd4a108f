using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Telemetry;

/// <summary><c>GET /metrics</c> scraped over HTTP from the running service, after real deliveries and real QBO answers.</summary>
public sealed class MetricsScrapeTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, BothDatabases]
    public async Task Deliveries_AreCountedByOutcome_WithoutTheOrganization(DatabaseKind kind)
    {
        // Not connected: the payload parks instead of being booked, so nothing is left in flight on a clock no one moves
        // (a worker stopping lets its payload finish, and that would wait out the host's shutdown time-out).
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false);
        var body = PipelineWorld.ShopifyOrder(4101);

        using var accepted = await world.SendAsync(body, idempotencyKey: "metrics-1");
        using var duplicate = await world.SendAsync(body, idempotencyKey: "metrics-1");
        using var refused = await world.Client.PostAsync($"/api/v1/webhook/{world.Slug}", new StringContent("not json", Encoding.UTF8, "application/json"));
        var code = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var samples = await PrometheusText.ScrapeAsync(world.Client);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(1, samples.Value("ai_webhooks_received_total", ("outcome", "accepted")));
        Assert.Equal(1, samples.Value("ai_webhooks_received_total", ("outcome", "duplicate")));
        Assert.Equal(1, samples.Value("ai_webhooks_received_total", ("outcome", "refused"), ("reason", code)));
        Assert.Equal(1, samples.Where(s => s.Name == "ai_webhooks_received_total" && s.Labels["outcome"] == "refused").Sum(s => s.Value));
        // One group commit each for the two sent one after the other (the duplicate's key is claimed in its commit); the
        // refused one never reached the writer.
        Assert.Equal(2, samples.Value("ai_ingest_commit_payloads_count", ("outcome", "committed")));
        Assert.Equal(2, samples.Value("ai_ingest_commit_payloads_sum", ("outcome", "committed")));
        Assert.Equal(2, samples.Value("ai_ingest_commit_duration_seconds_count", ("outcome", "committed")));
        Assert.Equal(2, samples.Value("ai_ingest_commit_payloads_bucket", ("outcome", "committed"), ("le", "1")));
        Assert.DoesNotContain(samples, s => s.Name.StartsWith("ai_ingest_commit", StringComparison.Ordinal) && s.Labels.GetValueOrDefault("outcome") == "failed");
        AssertNoTenant(samples, world);
    }

    [Theory, BothDatabases]
    public async Task QboThrottling_IsCountedPerRequest_AndThePayloadStillSucceeds(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        await world.AddFaultAsync(new { realmId = world.RealmId, faultType = "ThrottleExceeded", count = 1 });

        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(4101), wait: 20);
        var result = await PipelineWorld.DataAsync(response);
        var samples = await PrometheusText.ScrapeAsync(world.Client);

        Assert.True(result.GetProperty("processed").GetBoolean(), result.ToString());
        Assert.Equal(1, samples.Value("ai_qbo_throttled_total"));
        Assert.Equal(1, samples.Where(s => s.Name == "ai_qbo_calls_total" && s.Labels["status"] == "429").Sum(s => s.Value));
        Assert.True(samples.Where(s => s.Name == "ai_qbo_calls_total" && s.Labels["status"] == "200").Sum(s => s.Value) >= 1);
        Assert.True(samples.Where(s => s.Name == "ai_qbo_call_duration_seconds_count").Sum(s => s.Value) >= 2);
        Assert.Equal(1, samples.Value("ai_payloads_processed_total", ("status", PayloadStatus.Succeeded)));
        Assert.Equal(1, samples.Value("ai_payload_processing_duration_seconds_count", ("status", PayloadStatus.Succeeded)));
        AssertNoTenant(samples, world);
    }

    [Theory, BothDatabases]
    public async Task QueueDepth_CountsAPayloadWaitingForItsConnection(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false);
        var before = (await PrometheusText.ScrapeAsync(world.Client)).Value("ai_queue_depth");

        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(4101));
        await world.WaitForStatusAsync((await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!, PayloadStatus.WaitingConnection);
        // Past the gauges' cache, so this scrape reads the database again.
        world.Clock.Advance(TimeSpan.FromSeconds(10));
        var samples = await PrometheusText.ScrapeAsync(world.Client);

        Assert.Equal(before + 1, samples.Value("ai_queue_depth"));
        Assert.True(samples.Value("ai_queue_payloads", ("status", PayloadStatus.WaitingConnection)) >= 1);
        Assert.True(samples.Value("ai_queue_oldest_waiting_connection_age_seconds") >= 10);
    }

    [Theory, BothDatabases]
    public async Task Connections_AreCountedByState(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false);
        var before = await PrometheusText.ScrapeAsync(world.Client);

        await world.Connect.ConnectAsync(world.Organization, world.ApiKey);
        world.Clock.Advance(TimeSpan.FromSeconds(10));
        var after = await PrometheusText.ScrapeAsync(world.Client);

        Assert.Equal(before.Value("ai_qbo_connections", ("state", "connected")) + 1, after.Value("ai_qbo_connections", ("state", "connected")));
        Assert.Contains(after, s => s.Name == "ai_qbo_connections" && s.Labels["state"] == "refresh_failed");
    }

    [Fact]
    public async Task ProxyReads_AreMeteredPerRealmForTheMonth()
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        var month = world.Clock.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var before = (await PrometheusText.ScrapeAsync(world.Client)).Value("ai_qbo_reads_current_month", ("realm", world.RealmId), ("month", month));

        using var read = await world.Client.GetAsync($"/api/v1/org/{world.Slug}/qbo/customers?pageSize=2");
        var after = (await PrometheusText.ScrapeAsync(world.Client)).Value("ai_qbo_reads_current_month", ("realm", world.RealmId), ("month", month));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(after > before, $"reads went from {before} to {after}");
    }

    [Fact]
    public async Task HttpServerMetrics_NameTheRouteTemplate_NotTheSlug()
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));

        using var read = await world.Client.GetAsync($"/api/v1/org/{world.Slug}/payloads");
        var samples = await PrometheusText.ScrapeAsync(world.Client);

        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_count" && s.Labels.GetValueOrDefault("http_route") == "/api/v1/org/{slug}/payloads");
        AssertNoTenant(samples, world);
    }

    [Theory, BothDatabases]
    public async Task Alerts_AreCountedWhenRaised_AndEachDeliveryAttemptByItsOutcome(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        receiver.FailFirst = 1;
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false, settings: new Dictionary<string, string>
        {
            ["ALERT_WEBHOOK_URL"] = new Uri(receiver.BaseUrl, "/ops").ToString(),
            ["ALERT_WEBHOOK_SECRET"] = "metrics-alert-secret-0123456789",
            ["ALERT_RETRY_BASE_SECONDS"] = "1",
            ["ALERT_MAX_ATTEMPTS"] = "2",
        });
        var raiser = world.Services.GetRequiredService<AlertRaiser>();

        // The first alert meets one 500 and is sent on its second attempt; a repeat of its cause is not a new alert.
        await raiser.RaiseAsync(new NewAlert(AlertKinds.PayloadDead, world.Organization.OrganizationId, "payload_dead:metrics-1", "First", []), default);
        await raiser.RaiseAsync(new NewAlert(AlertKinds.PayloadDead, world.Organization.OrganizationId, "payload_dead:metrics-1", "First", []), default);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Requests.Count), n => n == 2, Patience, world.Pump.Tick);
        var sent = await Eventually.GetAsync(() => PrometheusText.ScrapeAsync(world.Client),
            s => s.Value("ai_alert_deliveries_total", ("destination", AlertDestinations.Operator), ("outcome", "sent")) == 1, Patience);

        // The second meets a 500 on both its attempts, and is given up.
        receiver.FailFirst = 4;
        await raiser.RaiseAsync(new NewAlert(AlertKinds.ReconnectNeeded, world.Organization.OrganizationId, "reconnect:metrics-2", "Second", []), default);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Requests.Count), n => n == 4, Patience, world.Pump.Tick);
        var samples = await Eventually.GetAsync(() => PrometheusText.ScrapeAsync(world.Client),
            s => s.Value("ai_alert_deliveries_total", ("destination", AlertDestinations.Operator), ("outcome", "given_up")) == 1, Patience);

        Assert.Equal(1, sent.Value("ai_alert_deliveries_total", ("destination", AlertDestinations.Operator), ("outcome", "failed")));
        Assert.Equal(1, samples.Value("ai_alerts_raised_total", ("kind", AlertKinds.PayloadDead)));
        Assert.Equal(1, samples.Value("ai_alerts_raised_total", ("kind", AlertKinds.ReconnectNeeded)));
        Assert.Equal(1, samples.Value("ai_alert_deliveries_total", ("destination", AlertDestinations.Operator), ("outcome", "sent")));
        Assert.Equal(2, samples.Value("ai_alert_deliveries_total", ("destination", AlertDestinations.Operator), ("outcome", "failed")));
        Assert.Equal(4, samples.Where(s => s.Name == "ai_alert_deliveries_total").Sum(s => s.Value));
        AssertNoTenant(samples, world);
    }

    /// <summary>No label names an organization, and no label value is its id, slug, API key or source.</summary>
    private static void AssertNoTenant(IReadOnlyList<PrometheusSample> samples, PipelineWorld world)
    {
        Assert.NotEmpty(samples);
        string[] tenant = [world.Organization.OrganizationId, world.Slug, world.ApiKey, world.Source.SourceId];
        foreach (var sample in samples)
        {
            Assert.DoesNotContain(sample.Labels.Keys, k => k.Contains("org", StringComparison.OrdinalIgnoreCase) || k.Contains("tenant", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(sample.Labels.Values, v => tenant.Any(t => v.Contains(t, StringComparison.Ordinal)));
        }
    }
}
