using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The organization's books in the console (trial balance, profit and loss, balance sheet, general ledger), as QuickBooks
/// reports them through the proxy: an operator checks what was booked without signing in to the client's company.
/// </summary>
public sealed class ReportPagesTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task TrialBalance_ThePeriodAsked_ShowsEachAccountAndTheTotals(DatabaseKind kind)
    {
        // A sale of 120.00 in March, and one of 7.00 in April that March's report must leave out.
        var (world, organization) = await ConnectedAsync(kind, ("2026-03-10", 120m), ("2026-04-02", 7m));
        await using var _ = world;
        var browser = world.LoggedIn("trial-balance");

        browser.Open($"/console/organizations/{organization.OrganizationId}");
        browser.Click("Reports");
        browser.WaitForText("Trial balance, ");
        browser.Open($"/console/organizations/{organization.OrganizationId}/trial-balance?start=2026-03-01&end=2026-03-31");
        browser.WaitForText("Trial balance, 2026-03-01 to 2026-03-31");
        browser.CheckPage("trial-balance");

        var rows = browser.FindAll("table tbody tr").Select(r => r.Text).ToList();
        Assert.Contains("Accounts Receivable (A/R) 120.00", rows);
        Assert.Contains("Services 120.00", rows);
        Assert.Equal("TOTAL 120.00 120.00", browser.Find("table tfoot tr").Text);

        // The download is what the page shows, named after the organization, the report and the period.
        using var client = browser.SessionClient();
        using var response = await client.GetAsync(new Uri(browser.FindAll("a").Single(a => a.Text == "Download CSV of this report").GetAttribute("href")!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{organization.Slug}-trial-balance-2026-03-01-to-2026-03-31.csv", response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Line,Level,Account,Debit,Credit", lines[0]);
        Assert.Contains("data,0,Accounts Receivable (A/R),120.00,", lines);
        Assert.Contains("data,0,Services,,120.00", lines);
        Assert.Equal("summary,0,TOTAL,120.00,120.00", lines[^1]);
    }

    [Fact]
    public async Task TrialBalance_Viewer_SeesTheBooksToo()
    {
        var (world, organization) = await ConnectedAsync(DatabaseKind.Sqlite, ("2026-03-10", 45m));
        await using var _ = world;
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
        Assert.Empty(browser.FindAll("a[download]"));

        // A download asked for anyway answers with the page saying why, not an empty file.
        using var client = browser.SessionClient();
        using var response = await client.GetAsync(new Uri(world.Service.BaseAddress, $"/console/organizations/{organization.OrganizationId}/trial-balance?handler=csv"));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no working QuickBooks connection", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task OtherReports_KeepThePeriod_AndLayOutTheirSections(DatabaseKind kind)
    {
        var (world, organization) = await ConnectedAsync(kind, ("2026-03-10", 120m), ("2026-04-02", 7m));
        await using var _ = world;
        var browser = world.LoggedIn("books-reports");
        browser.Open($"/console/organizations/{organization.OrganizationId}/trial-balance?start=2026-03-01&end=2026-03-31");
        browser.WaitForText("Trial balance, 2026-03-01 to 2026-03-31");

        // The profit and loss of the same period: the Income section, its account indented under it, and Net Income below.
        browser.Click("Profit and loss");
        browser.WaitForText("Profit and loss, 2026-03-01 to 2026-03-31");
        browser.CheckPage("profit-and-loss");
        Assert.Equal("page", browser.Find("nav.report-nav a[aria-current]").GetAttribute("aria-current"));
        Assert.Equal("Profit and loss", browser.Find("nav.report-nav a[aria-current]").Text);
        var rows = RowsOf(browser);
        Assert.Contains(("section", "depth-0", "Income"), rows.Select(r => (r.Kind, r.Depth, r.Text)));
        Assert.Contains(("data", "depth-1", "Services 120.00"), rows.Select(r => (r.Kind, r.Depth, r.Text)));
        Assert.Contains(("summary", "depth-0", "Total Income 120.00"), rows.Select(r => (r.Kind, r.Depth, r.Text)));
        Assert.Equal("Net Income 120.00", browser.Find("table tfoot tr").Text);

        // The general ledger: each account a section of its postings (the invoice on A/R, split to Services, and the
        // other way round), April's sale left out.
        browser.Click("General ledger");
        browser.WaitForText("General ledger, 2026-03-01 to 2026-03-31");
        browser.CheckPage("general-ledger");
        rows = RowsOf(browser);
        Assert.Contains(("section", "depth-0", "Accounts Receivable (A/R)"), rows.Select(r => (r.Kind, r.Depth, r.Text)));
        var postings = rows.Where(r => r is { Kind: "data", Depth: "depth-1" } && r.Text.StartsWith("2026-03-10 Invoice", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, postings.Count);
        Assert.EndsWith("Services 120.00 120.00", postings[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("Accounts Receivable (A/R) 120.00 120.00", postings[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.Text.Contains("2026-04-02", StringComparison.Ordinal));
        Assert.Empty(browser.FindAll("table tfoot"));

        // The balance sheet at the period's end: the receivable among the assets.
        browser.Click("Balance sheet");
        browser.WaitForText("Balance sheet, 2026-03-01 to 2026-03-31");
        browser.CheckPage("balance-sheet");
        Assert.Contains(RowsOf(browser), r => r is { Kind: "data" } && r.Text == "Accounts Receivable (A/R) 120.00");
    }

    [Theory, BothDatabases]
    public async Task NamedPeriod_IsAskedOfQuickBooks_AndFillsTheDates(DatabaseKind kind)
    {
        // A sale in each of the two years before this one: which is "last year" is the company's today to say (at New Year
        // it may still be the old year there), so the page's dates tell which sale the report must hold.
        var year = DateTime.UtcNow.Year;
        var (world, organization) = await ConnectedAsync(kind, ($"{year - 1}-06-15", 31m), ($"{year - 2}-06-15", 17m));
        await using var _ = world;
        var browser = world.LoggedIn("report-periods");

        // This year to date (the page's default) holds neither sale.
        browser.Open($"/console/organizations/{organization.OrganizationId}/profit-and-loss");
        browser.WaitForText("Nothing was booked in ");
        browser.Click("Last year");
        browser.WaitFor(d => d.Url.EndsWith("?period=last-year", StringComparison.Ordinal));
        browser.WaitForText("Profit and loss, ");
        browser.CheckPage("profit-and-loss-last-year");
        var (start, end) = (browser.Find("#start").GetAttribute("value"), browser.Find("#end").GetAttribute("value"));
        var lastYear = int.Parse(start![..4], CultureInfo.InvariantCulture);
        Assert.Contains(lastYear, new[] { year - 1, year - 2 });
        Assert.Equal(($"{lastYear}-01-01", $"{lastYear}-12-31"), (start, end));
        Assert.Equal("Last year", browser.Find("nav.report-periods a[aria-current]").Text);
        Assert.Equal(lastYear == year - 1 ? "Net Income 31.00" : "Net Income 17.00", browser.Find("table tfoot tr").Text);

        // Another report keeps the period, as its dates.
        browser.Click("Trial balance");
        browser.WaitForText($"Trial balance, {lastYear}-01-01 to {lastYear}-12-31");

        browser.Open($"/console/organizations/{organization.OrganizationId}/profit-and-loss?period=fortnight");
        browser.WaitForText("The console has no period \"fortnight\": choose one of this month, last month, this quarter, last quarter, this year to date, last year, or give dates.");
        Assert.Empty(browser.FindAll("table"));
    }

    [Fact]
    public async Task UnknownReportOrOrganization_SaysWhatIsNotThere()
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        var (organization, _) = await world.Connect.CreateOrganizationAsync();
        var browser = world.LoggedIn("reports-not-found");

        browser.Open($"/console/organizations/{organization.OrganizationId}/cash-flow");
        browser.WaitForText("The console has no report \"cash-flow\": it shows the trial balance, profit and loss, balance sheet, general ledger.");
        browser.CheckPage("unknown-report");
        browser.Open("/console/organizations/no-such-organization/trial-balance");
        browser.WaitForText("No organization has the id no-such-organization.");
        Assert.Empty(browser.FindAll("table"));
    }

    /// <summary>The table body's rows: their kind (section, data, summary), their first cell's depth and their text.</summary>
    private static List<(string Kind, string Depth, string Text)> RowsOf(ConsoleBrowser browser) =>
        browser.FindAll("table tbody tr")
            .Select(row => (row.GetAttribute("class") ?? "", row.FindElement(OpenQA.Selenium.By.CssSelector("th")).GetAttribute("class") ?? "", row.Text))
            .ToList();

    /// <summary>A console with an organization connected to the sandbox (the connect flow hands back to a frontend, as
    /// ConnectWorld.ConnectAsync expects), and an invoice of each amount on its date in its company.</summary>
    private async Task<(ConsoleWorld World, Organization Organization)> ConnectedAsync(DatabaseKind kind, params (string Date, decimal Amount)[] invoices)
    {
        var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind), sandboxAsksForConsent: false,
            settings: new Dictionary<string, string> { ["FRONTEND_URL"] = ConnectWorld.FrontendUrl.ToString() });
        var (organization, apiKey) = await world.Connect.CreateOrganizationAsync();
        await world.Connect.ConnectAsync(organization, apiKey);
        foreach (var (date, amount) in invoices)
        {
            await InvoiceAsync(world, organization.OrganizationId, date, amount);
        }

        return (world, organization);
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
