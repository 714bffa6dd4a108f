using System.Net;
using System.Text;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using OpenQA.Selenium;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// API keys made in the console with the API's options: bound to one source (it sends there and nowhere else) and
/// expiring after a number of days; an expiry out of range is refused by name and makes no key.
/// </summary>
public sealed class ApiKeyOptionsPageTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task KeyBoundToOneSourceWithExpiry_SendsOnlyThere(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var services = world.Service.Services;
        var organization = await services.GetRequiredService<OrganizationStore>().CreateAsync("Keyed Shop", Unique.Slug("keyed"), "pro", null, default);
        var webhooks = services.GetRequiredService<WebhookStore>();
        var shop = await webhooks.CreateSourceAsync(organization.OrganizationId, "Shop", "generic", "none", null, null, true, default);
        var billing = await webhooks.CreateSourceAsync(organization.OrganizationId, "Billing", "generic", "none", null, null, false, default);
        var browser = world.LoggedIn("api-key-options");
        browser.Open($"/console/organizations/{organization.OrganizationId}");
        browser.WaitForText("API keys");

        browser.Fill("Key name", "too long lived").Fill("Expires after (days, empty for never)", "0");
        browser.Driver.ExecuteScript("document.getElementById('keyExpiresInDays').removeAttribute('min');");
        browser.Click("Create API key");
        browser.WaitForText("The expiry must be 1 to 3650 days");
        Assert.Empty(await services.GetRequiredService<ApiKeyStore>().ListAsync(organization.OrganizationId, default));

        browser.Fill("Key name", "shop only").Fill("Sends to", "Only Shop (generic)").Fill("Expires after (days, empty for never)", "30");
        browser.Click("Create API key");
        browser.WaitFor(d => d.FindElements(By.Id("new-api-key")).Count == 1);
        var key = browser.Find("#new-api-key").Text.Trim();
        browser.CheckPage("api-key-bound");
        Assert.Contains("(only Shop)", browser.Find("main").Text, StringComparison.Ordinal);

        var stored = Assert.Single(await services.GetRequiredService<ApiKeyStore>().ListAsync(organization.OrganizationId, default));
        Assert.Equal(shop.SourceId, stored.SourceId);
        var days = (stored.ExpiresAt!.Value - DateTime.UtcNow).TotalDays;
        Assert.InRange(days, 29.9, 30.1);

        using var http = new HttpClient { BaseAddress = world.Service.BaseAddress };
        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(http, $"/api/v1/webhook/{organization.Slug}/{shop.SourceId}", key));
        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(http, $"/api/v1/webhook/{organization.Slug}", key));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(http, $"/api/v1/webhook/{organization.Slug}/{billing.SourceId}", key));
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent($$"""{"id":"{{Guid.NewGuid():N}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", key);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
