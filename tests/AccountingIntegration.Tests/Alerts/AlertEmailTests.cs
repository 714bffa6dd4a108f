using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Configuration;

namespace AccountingIntegration.Tests.Alerts;

/// <summary>
/// Alerts by e-mail (docs/alerts.md, "Destinations"): with an SMTP server configured, each alert reaches the operators'
/// addresses and the organization's own, beside the signed webhooks. The SMTP server and the receivers are real
/// servers on loopback; the payloads go through the real pipeline to the sandbox.
/// </summary>
public sealed class AlertEmailTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string OperatorSecret = "operator-alert-secret-0123456789";
    private const string OrganizationSecret = "organization-alert-secret-9876543210";
    private static readonly string[] Operators = ["ops@example.com", "oncall@example.com"];
    private static readonly string[] Organization = ["books@shop.example", "owner@shop.example"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, BothDatabases]
    public async Task DeadPayloadAndRevokedConnection_EachSendOneSignedNotification_AndOneEmailToEachAudience(DatabaseKind kind)
    {
        await using var receiver = await AlertReceiver.StartAsync();
        await using var smtp = SmtpReceiver.Start();
        await using var world = await StartAsync(kind, receiver, smtp);
        var admin = await AdminAsync(world);
        var organizationId = world.Organization.OrganizationId;
        await PutAsync(admin, $"/api/admin/organizations/{organizationId}/alert-destination",
            new { url = new Uri(receiver.BaseUrl, "/org").ToString(), secret = OrganizationSecret });
        var shown = await PutAsync(admin, $"/api/admin/organizations/{organizationId}/alert-email", new { addresses = Organization });
        Assert.Equal(Organization, shown.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        Assert.True(shown.GetProperty("smtpConfigured").GetBoolean());

        // A payload dies: QBO answers 503 and the payload has one attempt.
        await world.AddFaultAsync(new { realmId = world.RealmId, faultType = "ServiceUnavailable" });
        var dead = await SendOrderAsync(world, 7101);
        await world.WaitForStatusAsync(dead, PayloadStatus.Dead);
        (await world.Control.DeleteAsync("/_sandbox/faults")).EnsureSuccessStatusCode();

        // The company revokes the connection: the next order waits for a reconnect.
        (await world.Control.PostAsJsonAsync("/_sandbox/tokens/revoke", new { realmId = world.RealmId })).EnsureSuccessStatusCode();
        var waiting = await SendOrderAsync(world, 7102);
        await world.WaitForStatusAsync(waiting, PayloadStatus.WaitingConnection);

        var alerts = await Eventually.GetAsync(() => ListAsync(admin, $"/api/admin/alerts?organizationId={organizationId}"),
            l => l.Count == 2 && l.All(a => a.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("state").GetString() == AlertStates.Sent)),
            Patience, world.Pump.Tick);
        Assert.Equal([AlertKinds.PayloadDead, AlertKinds.ReconnectNeeded], alerts.Select(a => a.GetProperty("kind").GetString()).Order());
        Assert.All(alerts, a => Assert.Equal(
            [AlertDestinations.Email, AlertDestinations.Operator, AlertDestinations.Organization, AlertDestinations.OrganizationEmail],
            a.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("destination").GetString()).Order()));

        // One signed notification per alert to each URL.
        Assert.Equal([AlertKinds.PayloadDead, AlertKinds.ReconnectNeeded], receiver.At("/ops").Select(r => r.Json.GetProperty("kind").GetString()).Order());
        Assert.Equal([AlertKinds.PayloadDead, AlertKinds.ReconnectNeeded], receiver.At("/org").Select(r => r.Json.GetProperty("kind").GetString()).Order());
        Assert.All(receiver.At("/ops"), r => Assert.True(r.IsSignedWith(OperatorSecret)));
        Assert.All(receiver.At("/org"), r => Assert.True(r.IsSignedWith(OrganizationSecret)));

        // One e-mail per alert to each audience, each to its own addresses only.
        var mails = smtp.Messages.ToList();
        Assert.Equal(4, mails.Count);
        var toOperators = mails.Where(m => m.Recipients.SequenceEqual(Operators)).ToList();
        var toOrganization = mails.Where(m => m.Recipients.SequenceEqual(Organization)).ToList();
        Assert.Equal(2, toOperators.Count);
        Assert.Equal(2, toOrganization.Count);
        foreach (var audience in new[] { toOperators, toOrganization })
        {
            Assert.Single(audience, m => m.Text.Contains("Subject: [payload_dead]", StringComparison.Ordinal) && m.Text.Contains(dead, StringComparison.Ordinal));
            var reconnect = Assert.Single(audience, m => m.Text.Contains("Subject: [reconnect_needed]", StringComparison.Ordinal));
            // The people who must reconnect get the link to do it.
            Assert.Contains("/reconnect/", reconnect.Text, StringComparison.Ordinal);
        }

        Assert.All(mails, m =>
        {
            Assert.DoesNotContain(OperatorSecret, m.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(OrganizationSecret, m.Text, StringComparison.Ordinal);
        });
    }

    [Theory, BothDatabases]
    public async Task AlertEmail_IsValidatedWhole_ShownAndRemoved(DatabaseKind kind)
    {
        // No SMTP server: addresses are kept, and the answer says they cannot be used yet.
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        var admin = await AdminAsync(world);
        var route = $"/api/admin/organizations/{world.Organization.OrganizationId}/alert-email";

        using var missing = await admin.GetAsync(route);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(AlertEmailEndpoints.NotFoundCode, (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        foreach (var bad in new object[]
                 {
                     new { addresses = Array.Empty<string>() },
                     new { addresses = new[] { "not-an-address" } },
                     new { addresses = new[] { "Books <books@shop.example>" } },
                     new { addresses = new[] { "a@shop.example,b@shop.example" } },
                     new { addresses = new[] { "books@shop.example", "BOOKS@shop.example" } },
                     new { addresses = Enumerable.Range(0, 11).Select(i => $"p{i}@shop.example").ToArray() },
                     new { },
                 })
        {
            using var refused = await admin.PutAsJsonAsync(route, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("addresses", out _));
        }

        using var stillMissing = await admin.GetAsync(route);
        Assert.Equal(HttpStatusCode.NotFound, stillMissing.StatusCode);

        await PutAsync(admin, route, new { addresses = new[] { " books@shop.example " } });
        var shown = (await admin.GetFromJsonAsync<JsonElement>(route)).GetProperty("data");
        Assert.Equal(["books@shop.example"], shown.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        Assert.False(shown.GetProperty("smtpConfigured").GetBoolean());

        // Without SMTP an alert gets no e-mail delivery, only what can be sent.
        var raised = await world.Services.GetRequiredService<AlertRaiser>().RaiseAsync(new NewAlert(
            AlertKinds.PayloadDead, world.Organization.OrganizationId, "payload_dead:no-smtp", "No SMTP", []), default);
        Assert.NotNull(raised);
        var listed = await ListAsync(admin, $"/api/admin/alerts?organizationId={world.Organization.OrganizationId}");
        Assert.Empty(Assert.Single(listed).GetProperty("deliveries").EnumerateArray());

        using var removed = await admin.DeleteAsync(route);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var gone = await admin.GetAsync(route);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var unknown = await admin.PutAsJsonAsync("/api/admin/organizations/no-such-org/alert-email", new { addresses = Organization });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<PipelineWorld> StartAsync(DatabaseKind kind, AlertReceiver receiver, SmtpReceiver smtp) =>
        await PipelineWorld.StartAsync(await databases.GetAsync(kind), settings: new Dictionary<string, string>
        {
            ["WEBHOOK_MAX_ATTEMPTS"] = "1",
            ["ALERT_WEBHOOK_URL"] = new Uri(receiver.BaseUrl, "/ops").ToString(),
            ["ALERT_WEBHOOK_SECRET"] = OperatorSecret,
            ["SMTP_HOST"] = "127.0.0.1",
            ["SMTP_PORT"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["SMTP_SECURITY"] = "none",
            ["SMTP_FROM"] = "alerts@service.test",
            ["ALERT_EMAIL_TO"] = string.Join(", ", Operators),
        });

    private static async Task<HttpClient> AdminAsync(PipelineWorld world)
    {
        var (_, token) = await Admins.CreateAsync(world.Services);
        return Admins.Client(world.Connect.Service, token);
    }

    private static async Task<JsonElement> PutAsync(HttpClient admin, string route, object body)
    {
        using var response = await admin.PutAsJsonAsync(route, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").Clone();
    }

    private static async Task<string> SendOrderAsync(PipelineWorld world, long orderId)
    {
        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(orderId));
        return (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;
    }

    private static async Task<IReadOnlyList<JsonElement>> ListAsync(HttpClient client, string path)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(path);
        Assert.True(page.GetProperty("success").GetBoolean());
        return [.. page.GetProperty("data").EnumerateArray().Select(e => e.Clone())];
    }
}

/// <summary>The e-mail settings: an SMTP server alone serves the organizations' addresses; operator addresses need a server.</summary>
public sealed class AlertEmailOptionsTests
{
    [Fact]
    public void SmtpHostAlone_IsValid_AndSendsToNoOperator()
    {
        var problems = new List<string>();
        var options = AlertEmailOptions.Bind(Configuration(("SMTP_HOST", "mail.example.com")), problems);
        Assert.Empty(problems);
        Assert.True(options.CanSend);
        Assert.False(options.SendsToOperators);
    }

    [Fact]
    public void OperatorAddresses_WithoutAServer_AreRefused_WithTheSettingNamed()
    {
        var problems = new List<string>();
        AlertEmailOptions.Bind(Configuration(("ALERT_EMAIL_TO", "ops@example.com")), problems);
        Assert.Contains(problems, p => p.StartsWith("ALERT_EMAIL_TO:", StringComparison.Ordinal) && p.Contains("SMTP_HOST", StringComparison.Ordinal));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
