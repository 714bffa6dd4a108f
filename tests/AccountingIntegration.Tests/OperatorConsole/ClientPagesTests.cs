using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using OpenQA.Selenium;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The client's pages in a browser of its own (no operator session): the branded connect page a connect link opens,
/// Intuit's consent (the sandbox's), the result page; links that cannot be used; the reconnect page of an alert.
/// </summary>
public sealed class ClientPagesTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task ConnectLink_FromTheConsole_OpensTheBrandedPage_ThenIntuit_ThenTheResultNamingTheOrganization(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, apiKey) = await world.Connect.CreateOrganizationAsync();
        var operatorBrowser = world.LoggedIn("client-operator");
        operatorBrowser.Open($"/console/organizations/{organization.OrganizationId}");
        operatorBrowser.Click("Create connect link");
        operatorBrowser.WaitFor(d => d.FindElements(By.Id("new-connect-link")).Count == 1);
        var link = new Uri(operatorBrowser.Find("#new-connect-link").Text.Trim());

        var client = world.Browser("client");
        client.Open(link.PathAndQuery);
        client.WaitForText("Continue to QuickBooks");
        client.CheckPage("connect");
        Assert.Equal(organization.Name, client.Find(".client-brand").Text);
        Assert.Contains($"Connect {organization.Name} to QuickBooks Online", client.Find("h1").Text, StringComparison.Ordinal);
        var page = client.Find("main").Text;
        Assert.Contains("one QuickBooks Online company", page, StringComparison.Ordinal);
        Assert.Contains("disconnect at any time", page, StringComparison.Ordinal);
        Assert.Contains("accounting data only", page, StringComparison.Ordinal);
        // Opening the page redeems nothing: the link is still usable.
        using (var check = await world.Service.Client.GetAsync("/api/public/connect-tokens/" + link.Segments[^1]))
        {
            Assert.True(check.IsSuccessStatusCode);
        }

        client.Click("Continue to QuickBooks");
        client.WaitFor(d => d.FindElements(By.CssSelector("button[value=approve]")).Count == 1);
        Assert.StartsWith(world.Connect.Sandbox.BaseUrl.ToString().TrimEnd('/'), client.Url, StringComparison.Ordinal);
        client.ConsoleErrors(); // the sandbox's bare page is Intuit's, not ours
        client.Find("button[value=approve]").Click();
        client.WaitForText("QuickBooks is connected");
        client.CheckPage("connected", cameFrom: world.Connect.Sandbox.BaseUrl);
        Assert.StartsWith(new Uri(world.Service.BaseAddress, "/connected?").ToString(), client.Url, StringComparison.Ordinal);
        var connection = (await world.Service.Services.GetRequiredService<OAuthTokenStore>().GetActiveConnectionAsync(organization.OrganizationId, default))!;
        var outcome = client.Find("#outcome").Text;
        Assert.Contains(organization.Name, outcome, StringComparison.Ordinal);
        Assert.Contains(connection.CompanyName!, outcome, StringComparison.Ordinal);
        Assert.Contains("What happens next", client.Find("main").Text, StringComparison.Ordinal);

        // The same link again: used, explained in words.
        client.Open(link.PathAndQuery);
        client.WaitForText("This connect link cannot be used");
        client.CheckPage("connect-used");
        Assert.Empty(client.FindAll("a[href^='/api/v1/connect/token/']"));

        // The operator sees the connection and the used link.
        operatorBrowser.Open($"/console/organizations/{organization.OrganizationId}");
        Assert.Contains(connection.CompanyName!, operatorBrowser.Find("#connection-summary").Text, StringComparison.Ordinal);
        Assert.Contains("used", operatorBrowser.Find("#links-heading + p + div table").Text, StringComparison.Ordinal);
        Assert.NotNull(apiKey);
    }

    [Theory, BothDatabases]
    public async Task InvalidLink_Declined_AndReconnect_AreExplainedInWords(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, apiKey) = await world.Connect.CreateOrganizationAsync();
        var client = world.Browser("client-phone", phone: true);

        client.Open("/connect/" + SecretTokens.New(SecretTokens.ConnectTokenPrefix));
        client.WaitForText("This connect link cannot be used");
        client.CheckPage("connect-unknown");
        Assert.Contains("Ask the person who sent you the link for a new one", client.Find("main").Text, StringComparison.Ordinal);
        client.Open("/connect/not-even-a-token");
        client.WaitForText("This connect link cannot be used");

        // The old start route still works for links handed out before the connect page; declining is explained.
        var declined = world.Browser("client-declined");
        var reconnect = await world.Service.Services.GetRequiredService<ReconnectLinks>().CreateAsync(organization.OrganizationId, default);
        declined.Open("/api/v1/connect/token/" + reconnect.Segments[^1]);
        declined.WaitFor(d => d.FindElements(By.CssSelector("button[value=deny]")).Count == 1);
        declined.ConsoleErrors(); // the sandbox's page
        declined.Find("button[value=deny]").Click();
        declined.WaitForText("QuickBooks was not connected");
        declined.CheckPage("declined");
        Assert.Contains("You declined the connection", declined.Find("main").Text, StringComparison.Ordinal);
        Assert.Contains("What to do:", declined.Find("main").Text, StringComparison.Ordinal);
        Assert.Contains(organization.Name, declined.Find(".client-brand").Text, StringComparison.Ordinal);

        // A company connected, then lost: the alert's link opens the reconnect page naming the company.
        using (var http = new Browser(new Uri(world.Service.BaseAddress, "/connected")))
        {
            var landed = await http.NavigateAsync(new Uri(world.Service.BaseAddress, $"/api/v1/connect/{organization.Slug}"),
                new Dictionary<string, string> { ["X-API-Key"] = apiKey, ["Accept"] = "text/html" });
            Assert.Contains("connected=true", landed.Query, StringComparison.Ordinal);
        }

        var connection = (await world.Service.Services.GetRequiredService<OAuthTokenStore>().GetActiveConnectionAsync(organization.OrganizationId, default))!;
        await world.Service.Services.GetRequiredService<OAuthTokenStore>().MarkStatusAsync(connection.TokenId, ConnectionStatus.RefreshFailed, "refresh refused", default);
        var alertLink = await world.Service.Services.GetRequiredService<ReconnectLinks>().CreateAsync(organization.OrganizationId, default);
        Assert.Equal("/reconnect/", alertLink.AbsolutePath[..11]);
        client.Open(alertLink.PathAndQuery);
        client.WaitForText("stopped working");
        client.CheckPage("reconnect");
        Assert.Contains(connection.CompanyName!, client.Find("main").Text, StringComparison.Ordinal);
        Assert.Equal(["Continue to QuickBooks"], client.FindAll("main a.button").Select(a => a.Text).ToArray());

        // The operator's page says what to do, and a link created now is the reconnect page's.
        var operatorBrowser = world.LoggedIn("client-operator-reconnect");
        operatorBrowser.Open($"/console/organizations/{organization.OrganizationId}");
        operatorBrowser.WaitForText("Needs reconnecting");
        operatorBrowser.CheckPage("needs-reconnecting");
        Assert.Contains("create a connect link below and send it to the client", operatorBrowser.Find("main").Text, StringComparison.Ordinal);
        operatorBrowser.Click("Create connect link");
        operatorBrowser.WaitFor(d => d.FindElements(By.Id("new-connect-link")).Count == 1);
        Assert.Contains("/reconnect/act_", operatorBrowser.Find("#new-connect-link").Text, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task ConnectPage_ShowsTheHttpsLogo_AndKeepsItsAddressPrivate(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await world.Connect.CreateOrganizationAsync();
        var (_, adminToken) = await Admins.CreateAsync(world.Service.Services);
        using var admin = Admins.Client(world.Service, adminToken);

        // The API refuses a logo that is not https, as the console's form does; an https one is stored in the settings.
        using var refused = await admin.PutAsJsonAsync($"/api/admin/organizations/{organization.OrganizationId}",
            new { settings = new { logoUrl = "javascript:alert(1)" } });
        using var saved = await admin.PutAsJsonAsync($"/api/admin/organizations/{organization.OrganizationId}",
            new { settings = new { logoUrl = "https://cdn.example.com/harbor.png" } });
        using var created = await admin.PostAsync($"/api/admin/organizations/{organization.OrganizationId}/connect-tokens", null);
        var link = new Uri((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("connectUrl").GetString()!);
        using var page = await world.Service.Client.GetAsync(link.PathAndQuery);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("settings.logoUrl", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<img class=\"client-logo\" src=\"https://cdn.example.com/harbor.png\"", html, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public void Logs_NeverHoldTheTokenOfAConnectOrReconnectPage()
    {
        var token = "mistyped" + Guid.NewGuid().ToString("N");

        Assert.Equal("GET http://x/connect/" + LogRedaction.Mask + "?a=1", LogRedaction.Redact($"GET http://x/connect/{token}?a=1"));
        Assert.Equal("GET /reconnect/" + LogRedaction.Mask, LogRedaction.Redact($"GET /reconnect/{token}"));
        Assert.Equal("/api/v1/connect/" + "acme", LogRedaction.Redact("/api/v1/connect/acme"));
        Assert.Equal("/connect/{token}", LogRedaction.Redact("/connect/{token}"));
    }
}
