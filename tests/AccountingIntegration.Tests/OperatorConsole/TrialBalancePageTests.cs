using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The organization's trial balance in the console, as QuickBooks reports it through the proxy: an operator checks what
/// was booked without signing in to the client's company.
/// </summary>
public sealed class TrialBalancePageTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task TrialBalance_ThePeriodAsked_ShowsEachAccountAndTheTotals(DatabaseKind kind)
    {
        // The connect flow hands back to a frontend, as ConnectWorld.ConnectAsync expects.
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind), sandboxAsksForConsent: false,
            settings: new Dictionary<string, string> { ["FRONTEND_URL"] = ConnectWorld.FrontendUrl.ToString() });
        var (organization, apiKey) = await world.Connect.CreateOrganizationAsync();
        await world.Connect.ConnectAsync(organization, apiKey);
        // A sale of 120.00 in March, and one of 7.00 in April that March's report must leave out.
        await InvoiceAsync(world, organization.OrganizationId, "2026-03-10", 120m);
        await InvoiceAsync(world, organization.OrganizationId, "2026-04-02", 7m);
        var browser = world.LoggedIn("trial-balance");

        browser.Open($"/console/organizations/{organization.OrganizationId}");
        browser.Click("Trial balance");
        browser.WaitForText("Trial balance, ");
        browser.Open($"/console/organizations/{organization.OrganizationId}/trial-balance?start=2026-03-01&end=2026-03-31");
        browser.WaitForText("Trial balance, 2026-03-01 to 2026-03-31");
        browser.CheckPage("trial-balance");

        var rows = browser.FindAll("table tbody tr").Select(r => r.Text).ToList();
        Assert.Contains("Accounts Receivable (A/R) 120.00", rows);
        Assert.Contains("Services 120.00", rows);
        Assert.Equal("TOTAL 120.00 120.00", browser.Find("table tfoot tr").Text);
    }

    [Fact]
    public async Task TrialBalance_Viewer_SeesTheBooksToo()
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite), sandboxAsksForConsent: false,
            settings: new Dictionary<string, string> { ["FRONTEND_URL"] = ConnectWorld.FrontendUrl.ToString() });
        var (organization, apiKey) = await world.Connect.CreateOrganizationAsync();
        await world.Connect.ConnectAsync(organization, apiKey);
        await InvoiceAsync(world, organization.OrganizationId, "2026-03-10", 45m);
        var (viewer, _) = await Admins.CreateAsync(world.Service.Services, AdminRoles.Viewer);
        var browser = world.Browser("trial-balance-viewer", phone: true).LogIn(viewer.Email, Admins.Password);

        browser.Open($"/console/organizations/{organization.OrganizationId}/trial-balance?start=2026-03-01&end=2026-03-31");
        browser.WaitForText("Trial balance, 2026-03-01 to 2026-03-31");
        browser.CheckPage("trial-balance-viewer");

        Assert.Equal("TOTAL 45.00 45.00", browser.Find("table tfoot tr").Text);
    }

    [Fact]
    public async Task TrialBalance_NotConnectedOrNotAPeriod_SaysWhy()
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        var (organization, _) = await world.Connect.CreateOrganizationAsync();
        var browser = world.LoggedIn("trial-balance-unavailable");

        browser.Open($"/console/organizations/{organization.OrganizationId}/trial-balance");
        browser.WaitForText("no working QuickBooks connection");
        browser.CheckPage("trial-balance-not-connected");
        browser.Open($"/console/organizations/{organization.OrganizationId}/trial-balance?start=2026-04-01&end=2026-03-01");
        browser.WaitForText("the start on or before the end");
        Assert.Empty(browser.FindAll("table"));
    }

    private static async Task InvoiceAsync(ConsoleWorld world, string organizationId, string date, decimal amount)
    {
        var token = await world.Service.Services.GetRequiredService<TokenManager>().GetValidTokenAsync(organizationId, default);
        var invoice = JsonNode.Parse($$"""
            {"CustomerRef":{"value":"1"},"TxnDate":"{{date}}",
             "Line":[{"DetailType":"SalesItemLineDetail","Amount":{{amount.ToString(CultureInfo.InvariantCulture)}},"SalesItemLineDetail":{"ItemRef":{"value":"1"} } }]}
            """)!.AsObject();
        await world.Service.Services.GetRequiredService<QboClient>().CreateAsync(new QboCredentials(token.RealmId, token.AccessToken), "Invoice", invoice, null, default);
    }
}
