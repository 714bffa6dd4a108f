using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The payload pages in a real browser: a booked payload and ones QBO refused (6240, duplicate name); the list filters to
/// the failed ones, a failed one's page says why in words with the fix and where to make it, and replaying it (one, then
/// all that match) books it once the cause is gone.
/// </summary>
public sealed class PayloadPagesTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string DuplicateName = """
        {"Fault":{"Error":[{"Message":"Duplicate Name Exists Error","Detail":"The name supplied already exists. : Another customer, vendor or employee is already using this name.","code":"6240"}],"type":"ValidationFault"}}
        """;

    [Theory, BothDatabases]
    public async Task FailedPayload_IsFoundExplainedAndReplayed_OneThenAllThatMatch(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var shop = await Shop.StartAsync(world);
        var booked = await shop.SendAsync(PipelineWorld.ShopifyOrder(81001), PayloadStatus.Succeeded);
        // QBO refuses the next two invoices: another customer, vendor or employee has the name.
        await shop.AddFaultAsync(new { method = "POST", entity = "invoice", status = 400, body = JsonDocument.Parse(DuplicateName).RootElement, count = 2 });
        var first = await shop.SendAsync(PipelineWorld.ShopifyOrder(81002), PayloadStatus.Failed);
        var second = await shop.SendAsync(PipelineWorld.ShopifyOrder(81003), PayloadStatus.Failed);
        var browser = world.LoggedIn("payloads");

        browser.Open("/console/payloads");
        browser.WaitForText("payload(s) match.");
        browser.CheckPage("list");
        browser.Open("/console/payloads?organizationId=" + shop.Organization.OrganizationId);
        browser.WaitForText("3 payload(s) match.");
        Assert.Contains("Booked", browser.Find("table.payloads").Text, StringComparison.Ordinal);

        browser.Fill("Organization", $"{shop.Organization.Name} ({shop.Organization.Slug})").Fill("Status", "Failed").Click("Filter");
        browser.WaitForText("2 payload(s) match.");
        var rows = browser.FindAll("table.payloads tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Contains("A customer, vendor or employee already has this name", row.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(Short(booked), browser.Find("table.payloads").Text, StringComparison.Ordinal);
        browser.CheckPage("list-failed");

        // Free text finds a payload by its id, and by its error code.
        browser.Open("/console/payloads?q=" + first);
        browser.WaitForText("1 payload(s) match.");
        browser.Open("/console/payloads?q=QBO_6240&organizationId=" + shop.Organization.OrganizationId);
        browser.WaitForText("2 payload(s) match.");

        browser.Click("Open " + Short(first));
        browser.WaitForText("Why it failed");
        var why = browser.Find("#why").Text;
        Assert.Contains("A customer, vendor or employee already has this name", why, StringComparison.Ordinal);
        Assert.Contains("Rename the other record in QuickBooks", why, StringComparison.Ordinal);
        Assert.Contains("QuickBooks fault code", why, StringComparison.Ordinal);
        Assert.Contains("6240", why, StringComparison.Ordinal);
        Assert.EndsWith($"/console/mapping/{shop.Organization.OrganizationId}/{shop.Source.SourceId}", browser.Find("#fix-link").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("fault 6240", browser.Find("#timeline").Text, StringComparison.Ordinal);
        browser.Find("details.body summary").Click();
        Assert.Contains("\"order_number\"", browser.Find("details.body pre").Text, StringComparison.Ordinal);
        browser.CheckPage("failed");

        // The cause is gone (the fault was spent, as a rename in QBO would do): replay it and see it booked.
        browser.Click("Replay this payload");
        browser.WaitForText("Replayed: the payload is queued");
        await shop.WaitForAsync(first, PayloadStatus.Succeeded);
        browser.Driver.Navigate().Refresh();
        browser.WaitForText("Documents booked");
        Assert.Equal("Booked", browser.Find("#payload-status").Text);
        Assert.Contains("Invoice", browser.Find("#timeline").Text, StringComparison.Ordinal);
        browser.CheckPage("replayed");

        // Replay all that match: the confirmation says how many.
        browser.Open($"/console/payloads?status=failed&organizationId={shop.Organization.OrganizationId}");
        browser.WaitForText("1 payload(s) match.");
        browser.Click("Replay all that match…");
        browser.WaitForText("Replay 1 payload(s)?");
        browser.CheckPage("replay-all-confirm");
        browser.Click("Yes, replay 1 payload(s)");
        browser.WaitForText("Replayed 1 payload(s)");
        await shop.WaitForAsync(second, PayloadStatus.Succeeded);
        // Both replays are audited, as the API's are.
        await Eventually.GetAsync(
            () => world.Service.Services.GetRequiredService<AuditLogStore>()
                .ListAsync(new AuditFilter { OrganizationId = shop.Organization.OrganizationId, Action = "payload.replayed" }, new(1, 50), default),
            audit => audit.Total == 2);

        var phone = world.LoggedIn("payloads-phone", phone: true);
        phone.Open($"/console/payloads/{shop.Organization.OrganizationId}/{second}");
        phone.WaitForText("Timeline");
        phone.CheckPage("detail-phone");
        phone.Open("/console/payloads");
        phone.WaitForText("payload(s) match.");
        phone.CheckPage("list-phone");
    }

    [Theory, BothDatabases]
    public async Task Viewer_SeesTheExplanationButNoReplay_AndAnUnknownPayloadSaysSo(DatabaseKind kind)
    {
        await using var world = await StartAsync(kind);
        var shop = await Shop.StartAsync(world);
        await shop.AddFaultAsync(new { method = "POST", entity = "invoice", status = 400, body = JsonDocument.Parse(DuplicateName).RootElement, count = 1 });
        var failed = await shop.SendAsync(PipelineWorld.ShopifyOrder(82001), PayloadStatus.Failed);
        var (viewer, _) = await Admins.CreateAsync(world.Service.Services, Infrastructure.Security.AdminRoles.Viewer);
        var browser = world.Browser("payloads-viewer").LogIn(viewer.Email, Admins.Password);

        browser.Open($"/console/payloads/{shop.Organization.OrganizationId}/{failed}");
        browser.WaitForText("Why it failed");
        Assert.Empty(browser.FindAll("main form"));
        browser.Open($"/console/payloads?status=failed&organizationId={shop.Organization.OrganizationId}");
        browser.WaitForText("1 payload(s) match.");
        Assert.Empty(browser.FindAll("main form[method=post]"));

        browser.Open($"/console/payloads/{shop.Organization.OrganizationId}/no-such-payload");
        browser.WaitForText("Payload not found");
        browser.CheckPage("not-found");
        browser.Open("/console/payloads?from=2026-01-02T00:00&to=2026-01-01T00:00");
        Assert.Single(browser.FindAll(".problem"));
        browser.CheckPage("bad-range");
    }

    private static string Short(string payloadId) => payloadId[^10..];

    /// <summary>
    /// The console's world, with the connect flow handing back to a frontend (as <see cref="ConnectWorld.ConnectAsync"/> expects)
    /// instead of the service's own result page.
    /// </summary>
    private async Task<ConsoleWorld> StartAsync(DatabaseKind kind) =>
        await ConsoleWorld.StartAsync(await databases.GetAsync(kind), sandboxAsksForConsent: false,
            settings: new Dictionary<string, string> { ["FRONTEND_URL"] = ConnectWorld.FrontendUrl.ToString() });

    /// <summary>An organization with a Shopify source booked by the built-in templates, connected to the sandbox, and its API key.</summary>
    private sealed class Shop
    {
        private HttpClient _client = null!;
        private ConsoleWorld _world = null!;

        public Organization Organization { get; private set; } = null!;

        public WebhookSource Source { get; private set; } = null!;

        public static async Task<Shop> StartAsync(ConsoleWorld world)
        {
            var (organization, apiKey) = await world.Connect.CreateOrganizationAsync();
            await world.Service.Services.GetRequiredService<TemplateInstaller>().InstallAsync(default);
            var source = await world.Service.Services.GetRequiredService<WebhookStore>()
                .CreateSourceAsync(organization.OrganizationId, "main", "shopify", "none", null, null, true, default);
            await world.Connect.ConnectAsync(organization, apiKey);
            return new Shop { _world = world, _client = world.Connect.ClientWithKey(apiKey), Organization = organization, Source = source };
        }

        public async Task AddFaultAsync(object rule)
        {
            using var control = new HttpClient { BaseAddress = _world.Connect.Sandbox.BaseUrl };
            (await control.PostAsJsonAsync("/_sandbox/faults", rule)).EnsureSuccessStatusCode();
        }

        /// <summary>Sends the order and waits until its payload has <paramref name="status"/>; returns its id.</summary>
        public async Task<string> SendAsync(string body, string status)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _client.PostAsync($"/api/v1/webhook/{Organization.Slug}", content);
            response.EnsureSuccessStatusCode();
            var payloadId = (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;
            await WaitForAsync(payloadId, status);
            return payloadId;
        }

        public Task WaitForAsync(string payloadId, string status) =>
            Eventually.GetAsync(
                () => _world.Service.Services.GetRequiredService<WebhookStore>().GetPayloadAsync(Organization.OrganizationId, payloadId, default),
                payload => payload?.Status == status,
                TimeSpan.FromSeconds(60));
    }
}
