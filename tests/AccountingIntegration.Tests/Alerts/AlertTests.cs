using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Alerts;

/// <summary>
/// Alerts reach the people who must act (docs/alerts.md): signed, to the operators' URL and the organization's own,
/// once per cause however often it repeats, again after a failed delivery, and listed for operators and the organization.
/// The receivers are real HTTP servers; time moves on the world's fake clock.
/// </summary>
public sealed class AlertTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string OperatorSecret = "operator-alert-secret-0123456789";
    private const string OrganizationSecret = "organization-alert-secret-9876543210";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, BothDatabases]
    public async Task DeadPayload_SendsOneSignedAlert_ToTheOperatorsAndTheOrganizationsUrl(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var world = await StartAsync(kind, receiver);
        var admin = await AdminAsync(world);
        await SetDestinationAsync(admin, world.Organization.OrganizationId, new Uri(receiver.BaseUrl, "/org").ToString());
        await world.AddFaultAsync(new { realmId = world.RealmId, faultType = "ServiceUnavailable" });

        var payloadId = await SendOrderAsync(world, 7001);
        await world.WaitForStatusAsync(payloadId, PayloadStatus.Dead);
        await WaitForAsync(world, () => receiver.At("/ops").Count >= 1 && receiver.At("/org").Count >= 1);

        var toOperators = Assert.Single(receiver.At("/ops"));
        var toOrganization = Assert.Single(receiver.At("/org"));
        Assert.True(toOperators.IsSignedWith(OperatorSecret));
        Assert.False(toOperators.IsSignedWith(OrganizationSecret));
        Assert.True(toOrganization.IsSignedWith(OrganizationSecret));
        Assert.Equal(AlertKinds.PayloadDead, toOperators.Json.GetProperty("kind").GetString());
        Assert.Equal(world.Organization.OrganizationId, toOperators.Json.GetProperty("organizationId").GetString());
        Assert.StartsWith("QBO_", toOperators.Json.GetProperty("details").GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Equal(payloadId, toOperators.Json.GetProperty("details").GetProperty("firstPayloadId").GetString());
        Assert.Equal(toOperators.Json.GetProperty("id").GetString(), toOrganization.Json.GetProperty("id").GetString());
        // Neither secret travels in what is sent.
        Assert.DoesNotContain(OperatorSecret, toOperators.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(OrganizationSecret, toOrganization.Body, StringComparison.Ordinal);

        var listed = await WaitForAlertsAsync(world, admin, $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}",
            a => a.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("state").GetString() == AlertStates.Sent));
        var alert = Assert.Single(listed);
        Assert.Equal([AlertDestinations.Operator, AlertDestinations.Organization],
            alert.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("destination").GetString()).Order());

        // Told when it was written, the outcome was let go: the sweep finds nothing to tell again, and no count grows.
        await Eventually.GetAsync(() => KeptOutcomesAsync(world), n => n == 0, Patience);
        world.Clock.Advance(SettledOutbox.Grace + SettledOutbox.Lease);
        await world.Services.GetRequiredService<SettledOutboxSweep>().RunOnceAsync(default);
        Assert.Equal(1, Assert.Single(await ListAsync(admin, $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}")).GetProperty("occurrences").GetInt32());
    }

    [Theory, BothDatabases]
    public async Task DeadOutcomeWrittenJustBeforeACrash_IsAlertedByTheSweep_Once(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        // No workers: the test plays the attempt whose instance died between its outcome's commit and the alert.
        await using var world = await StartAsync(kind, receiver, new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        var admin = await AdminAsync(world);
        var alerts = $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}";
        var payloadId = (await world.Services.GetRequiredService<WebhookStore>().CreatePayloadAsync(new NewPayload
        {
            OrganizationId = world.Organization.OrganizationId,
            SourceId = world.Source.SourceId,
            RawPayload = "{\"id\":7003}",
        }, default)).PayloadId;
        Assert.Single(await world.Services.GetRequiredService<WebhookQueueStore>().ClaimDueAsync("crashed", 1, TimeSpan.FromMinutes(5), default));
        await world.Services.GetRequiredService<OutcomeRecorder>().FinishedAsync(
            new NewSyncLog { OrganizationId = world.Organization.OrganizationId, PayloadId = payloadId, Status = PayloadStatus.Dead, Attempt = 1, ErrorCode = "QBO_SERVER" },
            "crashed", "QBO_SERVER: Service Unavailable", null, world.Services.GetRequiredService<LedgerStore>().ForAttempt(), default);
        Assert.Empty(await ListAsync(admin, alerts));

        // Once the grace is over, the next sweep (on this instance's timer) tells the alerts.
        world.Clock.Advance(SettledOutbox.Grace + SettledOutboxSweep.Interval);
        var listed = await WaitForAlertsAsync(world, admin, alerts,
            a => a.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("state").GetString() == AlertStates.Sent));

        var alert = Assert.Single(listed);
        Assert.Equal(AlertKinds.PayloadDead, alert.GetProperty("kind").GetString());
        Assert.Equal(1, alert.GetProperty("occurrences").GetInt32());
        Assert.Equal(payloadId, alert.GetProperty("details").GetProperty("firstPayloadId").GetString());
        // The class's tests share a database: outcomes an earlier world stopped before telling are this sweep's too.
        var sent = Assert.Single(receiver.At("/ops"), r => r.Json.GetProperty("organizationId").GetString() == world.Organization.OrganizationId);
        Assert.True(sent.IsSignedWith(OperatorSecret));
        Assert.Equal("QBO_SERVER", sent.Json.GetProperty("details").GetProperty("code").GetString());
        // Told late, it is counted for operators (earlier worlds' outcomes may be among those this round told).
        await Eventually.GetAsync(() => PrometheusText.ScrapeAsync(world.Client), s => s.Value("ai_sweeps_recovered_total", ("what", "outcome_notice")) >= 1);

        // Told, it was let go: later sweeps find nothing, and nothing more is counted or sent.
        await Eventually.GetAsync(() => KeptOutcomesAsync(world), n => n == 0, Patience);
        world.Clock.Advance(SettledOutbox.Lease + SettledOutboxSweep.Interval);
        await world.Services.GetRequiredService<SettledOutboxSweep>().RunOnceAsync(default);
        Assert.Equal(1, Assert.Single(await ListAsync(admin, alerts)).GetProperty("occurrences").GetInt32());
        Assert.Single(receiver.At("/ops"), r => r.Json.GetProperty("organizationId").GetString() == world.Organization.OrganizationId);
    }

    [Theory, BothDatabases]
    public async Task TwentyDeadPayloadsOfOneCause_SendOneAlert_ThatCountsTwenty(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var world = await StartAsync(kind, receiver);
        var admin = await AdminAsync(world);
        var webhooks = world.Services.GetRequiredService<WebhookStore>();
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            // A body that is not JSON fails unexpectedly, every time the same way: one cause, twenty payloads.
            ids.Add((await webhooks.CreatePayloadAsync(new NewPayload
            {
                OrganizationId = world.Organization.OrganizationId,
                SourceId = world.Source.SourceId,
                RawPayload = "{ damaged " + i,
            }, default)).PayloadId);
        }

        foreach (var id in ids)
        {
            await world.WaitForStatusAsync(id, PayloadStatus.Dead);
        }

        // A payload's alert is raised just after its outcome is written, so the last payload can read dead a moment
        // before its occurrence is counted.
        var listed = await WaitForAlertsAsync(world, admin, $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}&kind=payload_dead",
            a => a.GetProperty("occurrences").GetInt32() >= 20
                 && a.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("state").GetString() == AlertStates.Sent));
        var alert = Assert.Single(listed);
        Assert.Equal(20, alert.GetProperty("occurrences").GetInt32());
        Assert.Equal("INTERNAL_ERROR", alert.GetProperty("details").GetProperty("code").GetString());
        var sent = Assert.Single(receiver.At("/ops"));
        Assert.True(sent.IsSignedWith(OperatorSecret));
    }

    [Theory, BothDatabases]
    public async Task ReceiverFailingFirst_GetsTheAlertOnRetry_AfterTheBackOff(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        receiver.FailFirst = 1;
        await using var world = await StartAsync(kind, receiver);
        var admin = await AdminAsync(world);
        var raised = await world.Services.GetRequiredService<AlertRaiser>().RaiseAsync(new NewAlert(
            AlertKinds.PayloadDead, world.Organization.OrganizationId, "payload_dead:retry-test", "Retry test", []), default);
        Assert.NotNull(raised);

        // The first attempt meets the 500 and waits out its back-off: nothing more arrives while the clock stands still.
        var failed = await Eventually.GetAsync(() => ListAsync(admin, $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}"),
            l => l.Count == 1 && l[0].GetProperty("deliveries")[0].GetProperty("attempts").GetInt32() == 1
                 && l[0].GetProperty("deliveries")[0].GetProperty("lastError").ValueKind == JsonValueKind.String, Patience);
        var pending = failed[0].GetProperty("deliveries")[0];
        Assert.Equal(AlertStates.Pending, pending.GetProperty("state").GetString());
        Assert.Contains("500", pending.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Single(receiver.Requests);

        var sent = await WaitForAlertsAsync(world, admin, $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}&state=sent", _ => true);
        var delivery = Assert.Single(Assert.Single(sent).GetProperty("deliveries").EnumerateArray());
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(r.IsSignedWith(OperatorSecret)));
    }

    [Theory, BothDatabases]
    public async Task RevokedConnection_RaisesAReconnectAlert_WithALinkOnlyTheReceiverSees(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var world = await StartAsync(kind, receiver);
        (await world.Control.PostAsJsonAsync("/_sandbox/tokens/revoke", new { realmId = world.RealmId })).EnsureSuccessStatusCode();

        var payloadId = await SendOrderAsync(world, 7002);
        await world.WaitForStatusAsync(payloadId, PayloadStatus.WaitingConnection);
        await WaitForAsync(world, () => receiver.At("/ops").Count >= 1);

        var sent = Assert.Single(receiver.At("/ops"));
        Assert.True(sent.IsSignedWith(OperatorSecret));
        Assert.Equal(AlertKinds.ReconnectNeeded, sent.Json.GetProperty("kind").GetString());
        var link = sent.Json.GetProperty("reconnectUrl").GetString() ?? string.Empty;
        // It opens the reconnect page, which says the connection broke before handing over to Intuit.
        Assert.Contains("/reconnect/" + SecretTokens.ConnectTokenPrefix, link, StringComparison.Ordinal);
        // The link is a working connect link.
        using var preview = await world.Connect.Service.Client.GetAsync("/api/public/connect-tokens/" + link[(link.LastIndexOf('/') + 1)..]);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);

        // The organization lists it, without the link itself.
        using var own = await world.Client.GetAsync($"/api/v1/org/{world.Slug}/alerts?kind=reconnect_needed");
        var body = await own.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var alert = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("data").EnumerateArray());
        Assert.True(alert.GetProperty("hasReconnectLink").GetBoolean());
        Assert.DoesNotContain(link, body, StringComparison.Ordinal);

        // Just told: the day's reminder sweep adds nothing while the alert's window is open.
        await world.Services.GetRequiredService<ReconnectReminderSweep>().RunAsync(default);
        Assert.Single(await ListAsync(await AdminAsync(world), $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}"));
    }

    [Theory, BothDatabases]
    public async Task ConnectionLostWithoutItsAlert_IsRemindedOfDaily_UntilReconnected(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var world = await StartAsync(kind, receiver);
        var admin = await AdminAsync(world);
        var alerts = $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}";
        var sweep = world.Services.GetRequiredService<ReconnectReminderSweep>();
        // The refresh was refused and the connection marked, and the instance stopped before it raised the alert.
        var store = world.Services.GetRequiredService<OAuthTokenStore>();
        var connection = (await store.GetActiveConnectionAsync(world.Organization.OrganizationId, default))!;
        Assert.True(await store.MarkStatusAsync(connection.TokenId, ConnectionStatus.RefreshFailed, "invalid_grant", default));
        Assert.Empty(await ListAsync(admin, alerts));

        await sweep.RunAsync(default);
        var reminded = await WaitForAlertsAsync(world, admin, alerts,
            a => a.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("state").GetString() == AlertStates.Sent));
        var first = Assert.Single(reminded);
        Assert.Equal(AlertKinds.ReconnectNeeded, first.GetProperty("kind").GetString());
        Assert.True(first.GetProperty("hasReconnectLink").GetBoolean());
        Assert.True(first.GetProperty("details").GetProperty("reminder").GetBoolean());
        Assert.Equal("invalid_grant", first.GetProperty("details").GetProperty("reason").GetString());
        var sent = Assert.Single(receiver.At("/ops"), r => r.Json.GetProperty("organizationId").GetString() == world.Organization.OrganizationId);
        Assert.Contains("/reconnect/" + SecretTokens.ConnectTokenPrefix, sent.Json.GetProperty("reconnectUrl").GetString(), StringComparison.Ordinal);

        // Once the reminder's window is over (the host's own daily round is not due yet) it is still lost: one more
        // reminder. Once reconnected: none, from this round or the host's.
        world.Clock.Advance(ConnectionAlerts.ReminderWindow);
        await sweep.RunAsync(default);
        Assert.Equal(2, (await ListAsync(admin, alerts)).Count);
        Assert.True(await store.MarkStatusAsync(connection.TokenId, ConnectionStatus.Connected, null, default));
        world.Clock.Advance(ConnectionAlerts.ReminderWindow);
        await sweep.RunAsync(default);
        Assert.Equal(2, (await ListAsync(admin, alerts)).Count);
    }

    /// <summary>
    /// A reminder the database refuses for one connection (here a trigger; in life a lock or an outage of a moment) does
    /// not stop the daily round: the connections after it are reminded that day, not the next.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ReminderRefusedForOneConnection_StillRemindsTheConnectionsAfterIt(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(kind, receiver);
        // Connected through the same service and sandbox: a service refreshes the tokens of every connection in its
        // database, and another world's tokens are unknown to this world's sandbox (a refresh would fail and alert).
        var (second, secondKey) = await world.Connect.CreateOrganizationAsync();
        await world.Connect.ConnectAsync(second, secondKey);
        // The round goes in organization id order: the alert of whichever of the two comes first is refused.
        var (stuck, after) = string.CompareOrdinal(world.Organization.OrganizationId, second.OrganizationId) < 0
            ? (world.Organization.OrganizationId, second.OrganizationId)
            : (second.OrganizationId, world.Organization.OrganizationId);
        var store = world.Services.GetRequiredService<OAuthTokenStore>();
        foreach (var organizationId in new[] { stuck, after })
        {
            var connection = (await store.GetActiveConnectionAsync(organizationId, default))!;
            Assert.True(await store.MarkStatusAsync(connection.TokenId, ConnectionStatus.RefreshFailed, "invalid_grant", default));
        }

        await using (await RefuseAlertsAsync(database, stuck))
        {
            // The round fails, saying so for the sweep's log, but only after doing the rest.
            var failure = await Assert.ThrowsAsync<SweepRoundException>(() => world.Services.GetRequiredService<ReconnectReminderSweep>().RunAsync(default));
            Assert.Contains("1 connections", failure.Message, StringComparison.Ordinal);
            Assert.Contains("the alert is refused", failure.InnerException!.Message, StringComparison.Ordinal);
        }

        var admin = await AdminAsync(world);
        var reminded = Assert.Single(await ListAsync(admin, $"/api/admin/alerts?organizationId={after}"));
        Assert.True(reminded.GetProperty("details").GetProperty("reminder").GetBoolean());
        Assert.Empty(await ListAsync(admin, $"/api/admin/alerts?organizationId={stuck}"));
    }

    /// <summary>The daily refresh-expiry round, too, goes on past a connection whose alert the database refuses.</summary>
    [Theory, BothDatabases]
    public async Task RefreshExpiryRefusedForOneConnection_StillTellsTheConnectionsAfterIt(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        var database = await databases.GetAsync(kind);
        await using var one = await StartAsync(kind, receiver, sandbox => sandbox.RefreshTokenLifetime = TimeSpan.FromDays(10));
        // The second organization is connected through the same service and sandbox: a service refreshes the tokens of
        // every connection in its database, and another world's tokens are unknown to this world's sandbox.
        var (two, twoKey) = await one.Connect.CreateOrganizationAsync();
        await one.Connect.ConnectAsync(two, twoKey);
        string[] ours = [one.Organization.OrganizationId, two.OrganizationId];
        try
        {
            // The round goes in expiry order: the alert of whichever of the two comes first is refused.
            var round = await one.Services.GetRequiredService<OAuthTokenStore>().ListRefreshExpiringAsync(one.Clock.GetUtcNow().UtcDateTime.AddDays(30), default);
            var refused = round.Select(connection => connection.OrganizationId).First(ours.Contains);
            var told = ours.Single(organizationId => organizationId != refused);
            await using (await RefuseAlertsAsync(database, refused))
            {
                var failure = await Assert.ThrowsAsync<SweepRoundException>(() => one.Services.GetRequiredService<RefreshExpirySweep>().RunAsync(default));
                Assert.Contains("1 connections", failure.Message, StringComparison.Ordinal);
            }

            var admin = await AdminAsync(one);
            Assert.Single(await ListAsync(admin, $"/api/admin/alerts?organizationId={told}&kind=refresh_expiring"));
            Assert.Empty(await ListAsync(admin, $"/api/admin/alerts?organizationId={refused}&kind=refresh_expiring"));
        }
        finally
        {
            // The class's tests share a database, and another one counts the connections near their expiry.
            await database.Database.ExecuteAsync("UPDATE oauth_tokens SET refresh_expires_at = @Later WHERE organization_id IN @Ours",
                new { Later = one.Clock.GetUtcNow().UtcDateTime.AddYears(5), Ours = ours }, default);
        }
    }

    [Theory, BothDatabases]
    public async Task FailedOutcomes_RaiseAnAlert_OnlyWhenTheOrganizationCanFixTheCause(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var world = await StartAsync(kind, receiver);
        var outcomes = world.Services.GetRequiredService<PayloadOutcomes>();
        var organizationId = world.Organization.OrganizationId;

        // As the processor publishes them: QBO's own refusal and a retry are not the organization's to fix; a refused booking is.
        await outcomes.PublishAsync(organizationId, new PayloadOutcome("p-1", PayloadStatus.Failed, false, null, null, "QBO_6000"), default);
        await outcomes.PublishAsync(organizationId, new PayloadOutcome("p-2", PayloadStatus.Retrying, false, null, null, "QBO_SERVICEUNAVAILABLE"), default);
        await outcomes.PublishAsync(organizationId, new PayloadOutcome("p-3", PayloadStatus.Failed, false, null, null, "BOOKING_REFUSED"), default);
        await outcomes.PublishAsync(organizationId, new PayloadOutcome("p-4", PayloadStatus.Failed, false, null, null, "BOOKING_REFUSED"), default);

        var own = await ListAsync(world.Client, $"/api/v1/org/{world.Slug}/alerts");
        var alert = Assert.Single(own);
        Assert.Equal(AlertKinds.PayloadFailed, alert.GetProperty("kind").GetString());
        Assert.Equal("BOOKING_REFUSED", alert.GetProperty("details").GetProperty("code").GetString());
        Assert.Equal("p-3", alert.GetProperty("details").GetProperty("firstPayloadId").GetString());
        Assert.Equal(2, alert.GetProperty("occurrences").GetInt32());
    }

    [Theory, BothDatabases]
    public async Task WithSmtpConfigured_TheOperatorsAlsoGetTheAlertByEmail(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var smtp = SmtpReceiver.Start();
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), settings: new Dictionary<string, string>
        {
            ["ALERT_WEBHOOK_URL"] = new Uri(receiver.BaseUrl, "/ops").ToString(),
            ["ALERT_WEBHOOK_SECRET"] = OperatorSecret,
            ["SMTP_HOST"] = "127.0.0.1",
            ["SMTP_PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMTP_SECURITY"] = "none",
            ["SMTP_FROM"] = "alerts@service.test",
            ["ALERT_EMAIL_TO"] = "ops@example.com, oncall@example.com",
        });
        var admin = await AdminAsync(world);
        await world.Services.GetRequiredService<AlertRaiser>().RaiseAsync(new NewAlert(
            AlertKinds.PayloadDead, world.Organization.OrganizationId, "payload_dead:mail-test", "Mail test", new() { ["code"] = "QBO_SERVICEUNAVAILABLE" }), default);

        var listed = await WaitForAlertsAsync(world, admin, $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}",
            a => a.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("state").GetString() == AlertStates.Sent));
        Assert.Equal([AlertDestinations.Email, AlertDestinations.Operator],
            Assert.Single(listed).GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("destination").GetString()).Order());
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["ops@example.com", "oncall@example.com"], mail.Recipients);
        Assert.Contains("Subject: [payload_dead] Mail test", mail.Text, StringComparison.Ordinal);
        Assert.Contains("QBO_SERVICEUNAVAILABLE", mail.Text, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Alerts_AreListedForTheirOrganization_AndNotForAnother(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var world = await StartAsync(kind, receiver);
        var admin = await AdminAsync(world);
        var (other, otherKey) = await world.Connect.CreateOrganizationAsync();
        var raiser = world.Services.GetRequiredService<AlertRaiser>();
        await raiser.RaiseAsync(new NewAlert(AlertKinds.PayloadFailed, world.Organization.OrganizationId, "payload_failed:mine", "Mine", []), default);
        await raiser.RaiseAsync(new NewAlert(AlertKinds.PayloadDead, other.OrganizationId, "payload_dead:theirs", "Theirs", []), default);

        var mine = await ListAsync(world.Client, $"/api/v1/org/{world.Slug}/alerts");
        Assert.Equal(["Mine"], mine.Select(a => a.GetProperty("subject").GetString()));
        using var otherClient = world.Connect.ClientWithKey(otherKey);
        var theirs = await ListAsync(otherClient, $"/api/v1/org/{other.Slug}/alerts");
        Assert.Equal(["Theirs"], theirs.Select(a => a.GetProperty("subject").GetString()));
        using var crossing = await otherClient.GetAsync($"/api/v1/org/{world.Slug}/alerts");
        Assert.False(crossing.IsSuccessStatusCode);

        var all = await ListAsync(admin, "/api/admin/alerts?pageSize=200");
        Assert.Superset(new HashSet<string?> { "Mine", "Theirs" }, all.Select(a => a.GetProperty("subject").GetString()).ToHashSet());
        var dead = await ListAsync(admin, $"/api/admin/alerts?kind=payload_dead&organizationId={other.OrganizationId}");
        Assert.Equal(["Theirs"], dead.Select(a => a.GetProperty("subject").GetString()));

        using var bad = await admin.GetAsync("/api/admin/alerts?kind=everything");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(problem.GetProperty("success").GetBoolean());
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
    }

    [Theory, BothDatabases]
    public async Task AlertDestination_KeepsItsSecretWriteOnly_AndRefusesABadUrl(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var world = await StartAsync(kind, receiver);
        var admin = await AdminAsync(world);
        var route = $"/api/admin/organizations/{world.Organization.OrganizationId}/alert-destination";

        using var missing = await admin.GetAsync(route);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var bad = await admin.PutAsJsonAsync(route, new { url = "ftp://example.com/x", secret = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("secret", out _));

        await SetDestinationAsync(admin, world.Organization.OrganizationId, "https://alerts.example.com/in");
        var shown = await admin.GetStringAsync(route);
        Assert.Contains("https://alerts.example.com/in", shown, StringComparison.Ordinal);
        Assert.Contains("\"hasSecret\":true", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(OrganizationSecret, shown, StringComparison.Ordinal);

        using var removed = await admin.DeleteAsync(route);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var gone = await admin.GetAsync(route);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task RefreshTokenNearItsHardExpiry_RaisesOneReminderWithALink(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var world = await StartAsync(kind, receiver, sandbox => sandbox.RefreshTokenLifetime = TimeSpan.FromDays(10));
        var admin = await AdminAsync(world);
        var sweep = world.Services.GetRequiredService<RefreshExpirySweep>();

        Assert.Equal(1, await sweep.RunAsync(default));
        Assert.Equal(1, await sweep.RunAsync(default));

        var listed = await ListAsync(admin, $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}&kind=refresh_expiring");
        var alert = Assert.Single(listed);
        Assert.Equal(2, alert.GetProperty("occurrences").GetInt32());
        Assert.True(alert.GetProperty("hasReconnectLink").GetBoolean());
        Assert.Equal(world.RealmId, alert.GetProperty("details").GetProperty("realmId").GetString());
    }

    /// <summary>The database refuses every alert of the organization, as a lock or an outage of a moment would.</summary>
    private static Task<TestTrigger> RefuseAlertsAsync(TestDatabase database, string organizationId) =>
        TestTrigger.InstallAsync(database, TestTrigger.NewName("alert_refused"), "BEFORE INSERT ON alerts", $"NEW.organization_id = '{Guid.Parse(organizationId)}'",
            "SELECT RAISE(ABORT, 'the alert is refused');", "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the alert is refused';");

    private Task<PipelineWorld> StartAsync(DatabaseKind kind, AlertReceiver receiver, Action<QboSandbox.SandboxOptions>? sandbox = null) =>
        StartAsync(kind, receiver, new Dictionary<string, string>(), sandbox);

    private async Task<PipelineWorld> StartAsync(DatabaseKind kind, AlertReceiver receiver, Dictionary<string, string> settings, Action<QboSandbox.SandboxOptions>? sandbox = null)
    {
        settings["WEBHOOK_MAX_ATTEMPTS"] = "1";
        settings["ALERT_WEBHOOK_URL"] = new Uri(receiver.BaseUrl, "/ops").ToString();
        settings["ALERT_WEBHOOK_SECRET"] = OperatorSecret;
        settings["ALERT_RETRY_BASE_SECONDS"] = "1";
        return await PipelineWorld.StartAsync(await databases.GetAsync(kind), sandbox: sandbox, settings: settings);
    }

    /// <summary>The organization's failed and dead outcomes not yet let go (the class's tests share a database).</summary>
    private static Task<long> KeptOutcomesAsync(PipelineWorld world) => Sql.CountAsync(world.Services.GetRequiredService<Database>(),
        "SELECT COUNT(*) FROM payload_settled_outbox WHERE organization_id = @Org", new { Org = world.Organization.OrganizationId });

    private static async Task<HttpClient> AdminAsync(PipelineWorld world)
    {
        var (_, token) = await Admins.CreateAsync(world.Services);
        return Admins.Client(world.Connect.Service, token);
    }

    private static async Task SetDestinationAsync(HttpClient admin, string organizationId, string url)
    {
        using var response = await admin.PutAsJsonAsync($"/api/admin/organizations/{organizationId}/alert-destination", new { url, secret = OrganizationSecret });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(OrganizationSecret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> SendOrderAsync(PipelineWorld world, long orderId)
    {
        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(orderId));
        return (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;
    }

    private static Task WaitForAsync(PipelineWorld world, Func<bool> done) =>
        Eventually.GetAsync(() => Task.FromResult(done()), d => d, Patience, world.Pump.Tick);

    private static Task<IReadOnlyList<JsonElement>> WaitForAlertsAsync(PipelineWorld world, HttpClient client, string path, Func<JsonElement, bool> each) =>
        Eventually.GetAsync(() => ListAsync(client, path), l => l.Count > 0 && l.All(each), Patience, world.Pump.Tick);

    private static async Task<IReadOnlyList<JsonElement>> ListAsync(HttpClient client, string path)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(path);
        Assert.True(page.GetProperty("success").GetBoolean());
        return [.. page.GetProperty("data").EnumerateArray().Select(e => e.Clone())];
    }
}
