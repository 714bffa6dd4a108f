using System.Net;
using System.Text;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The sources pages in a real browser: a source is created with its secret shown once and setup instructions naming
/// the organization's real URL; deliveries signed as the page says are accepted; a rotation keeps the old secret
/// working for its overlap; a deactivated source refuses deliveries; viewers see no forms.
/// </summary>
public sealed class SourcePagesTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task CreateRotateDeactivate_InTheBrowser_DeliveriesFollowTheSecretsShown(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var organization = await world.Service.Services.GetRequiredService<OrganizationStore>()
            .CreateAsync("Zoë's Bakery", Unique.Slug("bakery"), "pro", null, default);
        var browser = world.LoggedIn("sources");

        browser.Open($"/console/organizations/{organization.OrganizationId}/sources");
        browser.WaitForText("No sources yet");
        browser.CheckPage("sources-empty");
        browser.Fill("Name", "Billing system").Fill("Sender", "Generic JSON").Fill("Event type path (generic JSON only)", "event");
        browser.Click("Create source");
        browser.WaitForText("shown this once");
        browser.CheckPage("sources-created");

        var source = Assert.Single(await world.Service.Services.GetRequiredService<WebhookStore>().ListSourcesAsync(organization.OrganizationId, default));
        Assert.Equal(SignatureSchemes.HmacSha256, source.SignatureScheme);
        var secret = browser.Find($"#secret-{source.SourceId}").Text.Trim();
        Assert.StartsWith("aisec_", secret, StringComparison.Ordinal);
        var url = new Uri(world.Service.BaseAddress, $"/api/v1/webhook/{organization.Slug}/{source.SourceId}").ToString();
        var curl = browser.Find($"#curl-{source.SourceId}").Text;
        Assert.Contains($"curl -sS -X POST '{url}'", curl, StringComparison.Ordinal);
        Assert.Contains($"SECRET='{secret}'", curl, StringComparison.Ordinal);
        Assert.Contains("X-Webhook-Signature: t=$TS,v1=$SIG", curl, StringComparison.Ordinal);
        Assert.Contains("openssl dgst -sha256 -hmac", curl, StringComparison.Ordinal);
        Assert.Equal("#curl-" + source.SourceId, browser.FindAll("button[data-copy]").Single(b => b.Text == "Copy curl example").GetAttribute("data-copy"));

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(http, url, secret));

        // The source's own page never shows the secret again; it says where to rotate it.
        browser.Open($"/console/organizations/{organization.OrganizationId}/sources/{source.SourceId}");
        browser.WaitForText("Which events become which QuickBooks documents");
        Assert.Empty(browser.FindAll($"#secret-{source.SourceId}"));
        Assert.DoesNotContain(secret, browser.Driver.PageSource, StringComparison.Ordinal);
        Assert.Contains("SECRET='paste the signing secret here'", browser.Find($"#curl-{source.SourceId}").Text, StringComparison.Ordinal);
        Assert.NotEmpty(browser.FindAll("section[aria-labelledby=events-heading] tbody tr"));
        browser.CheckPage("source-detail");

        browser.Fill("Old secret keeps working for (hours)", "24").Click("Rotate secret");
        browser.WaitForText("Secret rotated. The old secret keeps verifying until");
        var rotated = browser.Find($"#secret-{source.SourceId}").Text.Trim();
        Assert.NotEqual(secret, rotated);
        Assert.Contains($"SECRET='{rotated}'", browser.Find($"#curl-{source.SourceId}").Text, StringComparison.Ordinal);
        browser.CheckPage("source-rotated");
        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(http, url, secret));
        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(http, url, rotated));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(http, url, "aisec_a-secret-never-set"));

        browser.Click("Deactivate source");
        browser.Driver.SwitchTo().Alert().Accept();
        browser.WaitForText("Source deactivated");
        browser.CheckPage("source-deactivated");
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(http, url, rotated));

        var audit = await world.Service.Services.GetRequiredService<AuditLogStore>()
            .ListAsync(new AuditFilter { OrganizationId = organization.OrganizationId }, new Infrastructure.Data.PageRequest(1, 50), default);
        var actions = audit.Items.Select(e => e.Action).ToList();
        Assert.Contains("webhook_source.created", actions);
        Assert.Contains("webhook_source.secret_rotated", actions);
        Assert.Contains("webhook_source.deactivated", actions);
    }

    [Theory, BothDatabases]
    public async Task CreateStripeSource_WithoutItsSecret_ExplainsWhatToPasteAndCreatesNothing(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var organization = await world.Service.Services.GetRequiredService<OrganizationStore>()
            .CreateAsync("Stripe Shop", Unique.Slug("stripe"), "pro", null, default);
        var browser = world.LoggedIn("sources-refused");

        browser.Open($"/console/organizations/{organization.OrganizationId}/sources");
        browser.Fill("Name", "Stripe").Fill("Sender", "Stripe").Fill("Signature scheme", "stripe — Stripe-Signature").Click("Create source");
        browser.WaitForText("paste the signing secret the sender's dashboard shows");
        browser.CheckPage("sources-refused");

        Assert.Empty(await world.Service.Services.GetRequiredService<WebhookStore>().ListSourcesAsync(organization.OrganizationId, default));
    }

    [Theory, BothDatabases]
    public async Task Viewer_SeesSourcesAndSetupButNoForms_AlsoAtPhoneWidth(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var organization = await world.Service.Services.GetRequiredService<OrganizationStore>()
            .CreateAsync("Square Café", Unique.Slug("cafe"), "pro", null, default);
        var source = await world.Service.Services.GetRequiredService<WebhookStore>()
            .CreateSourceAsync(organization.OrganizationId, "Square POS", "square", SignatureSchemes.None, null, null, true, default);
        var (viewer, _) = await Admins.CreateAsync(world.Service.Services, AdminRoles.Viewer);
        var browser = world.Browser("sources-viewer", phone: true).LogIn(viewer.Email, Admins.Password);

        browser.Open($"/console/organizations/{organization.OrganizationId}/sources");
        browser.WaitForText("Square POS");
        Assert.Empty(browser.FindAll("main form"));
        browser.CheckPage("sources-viewer-phone");

        browser.Open($"/console/organizations/{organization.OrganizationId}/sources/{source.SourceId}");
        browser.WaitForText("Set up Square");
        Assert.Empty(browser.FindAll("main form"));
        Assert.Contains("payment.updated", browser.Text, StringComparison.Ordinal);
        Assert.Contains("X-API-Key", browser.Find($"#curl-{source.SourceId}").Text, StringComparison.Ordinal);
        var overflow = Convert.ToInt64(browser.Driver.ExecuteScript("return document.documentElement.scrollWidth - window.innerWidth;"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(overflow <= 1, $"The page is {overflow}px wider than the phone.");
        browser.CheckPage("source-viewer-phone");
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, string url, string secret)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"event":"test.delivery","id":"{{Guid.NewGuid():N}}","note":"from the test"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Webhook-Signature", HmacSha256SignatureVerifier.Sign(body, secret, DateTimeOffset.UtcNow));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
