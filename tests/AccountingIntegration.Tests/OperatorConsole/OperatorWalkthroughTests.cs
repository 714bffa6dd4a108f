using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Tests.TestSupport;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The README's operator walk-through, done entirely in the browser: log in, create an organization,
/// its API key and connect link, approve on the sandbox as the client (a new Canadian company, which books
/// GST/HST by tax code), create a Shopify source, edit its mapping with the preview, send a delivery,
/// see the document; then the operator breaks the books settings (a tax code the company does not have),
/// the next delivery fails and its page says why and links to the fix, the operator corrects the setting
/// there and replays the payload, which is booked. Screenshots of every step go to artifacts/screenshots.
/// </summary>
public sealed class OperatorWalkthroughTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Walkthrough_FromLoginToABookedDocument_AndAFailureExplainedFixedAndReplayed(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        await world.Service.Services.GetRequiredService<TemplateInstaller>().InstallAsync(default);
        // The README's sample orders: one taxed at 13 % (HST ON) and an untaxed one, both in the company's currency.
        var order = RepositoryFiles.Read("docs/console/samples/shopify-order-cad-13-percent.json");
        var untaxed = JsonNode.Parse(RepositoryFiles.Read("docs/console/samples/shopify-order-cad-untaxed.json"))!.AsObject();

        // 1. Log in.
        var ops = world.LoggedIn("walkthrough");
        ops.CheckPage("01-overview");

        // 2. An organization.
        ops.Open("/console/organizations");
        ops.Fill("Name", "Globex Ltd").Fill("Slug", Unique.Slug());
        new SelectElement(ops.Field("Plan tier")).SelectByValue("pro");
        ops.Click("Create organization");
        ops.WaitForText("API keys");
        ops.CheckPage("02-organization");
        var organizationPage = new Uri(ops.Url).AbsolutePath;
        var organizationId = organizationPage.Split('/')[^1];

        // 3. Its API key (shown once) and a connect link for the client.
        ops.Fill("Key name", "shop webhooks").Click("Create API key");
        ops.WaitFor(d => d.FindElements(By.Id("new-api-key")).Count == 1);
        Assert.StartsWith("aik_", ops.Find("#new-api-key").Text.Trim(), StringComparison.Ordinal);
        ops.Click("Create connect link");
        ops.WaitFor(d => d.FindElements(By.Id("new-connect-link")).Count == 1);
        var link = new Uri(ops.Find("#new-connect-link").Text.Trim());
        ops.CheckPage("03-key-and-connect-link");

        // 4. The client opens the link, continues to QuickBooks and approves on the sandbox's consent page.
        var client = world.Browser("walkthrough-client");
        client.Open(link.PathAndQuery);
        client.CheckPage("04-client-connect");
        client.Click("Continue to QuickBooks");
        client.WaitFor(d => d.FindElements(By.CssSelector("button[value=approve]")).Count == 1);
        client.ConsoleErrors(); // the sandbox's consent page stands for Intuit's, not ours
        client.Find("input[name=realmId][value=new]").Click();
        client.Find("input[name=companyName]").SendKeys("Globex Canada");
        new SelectElement(client.Find("select[name=companyCountry]")).SelectByText("Canada");
        client.Find("button[value=approve]").Click();
        client.WaitForText("QuickBooks is connected");
        client.CheckPage("05-client-connected", cameFrom: world.Connect.Sandbox.BaseUrl);
        var sandbox = world.Connect.Sandbox.State;
        var realmId = sandbox.RealmIds.Single(r => (string?)sandbox.GetEntities(r, "CompanyInfo").Single()["CompanyName"] == "Globex Canada");

        // 5. A Shopify source.
        ops.Open(organizationPage);
        ops.Click("Sources");
        ops.WaitForText("Create source");
        ops.Fill("Name", "Shopify store");
        new SelectElement(ops.Field("Sender")).SelectByValue("shopify");
        new SelectElement(ops.Field("Signature scheme")).SelectByValue("shopify");
        ops.Fill("Signing secret", "shpss_walkthrough_" + Guid.NewGuid().ToString("N"));
        ops.Click("Create source");
        ops.WaitForText("Open the source's page");
        ops.CheckPage("06-source-created-with-setup");
        ops.Click("Open the source's page");
        ops.WaitForText("Send a test delivery");
        var sourcePage = new Uri(ops.Url).AbsolutePath;

        // 6. Its mapping: new orders become invoices, checked and previewed as typed, then saved.
        ops.Click("Edit its mapping");
        ops.WaitForText("Edit this source's mapping");
        ops.Fill("Source mapping (JSON)", """{"eventActions":{"orders/create":"invoice"}}""");
        ops.WaitForText("The mapping is valid");
        ops.Fill("Event type (only for vendor sources that name it in a header, e.g. Shopify's topic)", "orders/create");
        ops.Paste("preview-payload", order);
        ops.WaitForText("Totals check");
        Assert.Contains("Invoice", ops.Find("#mapping-preview").Text, StringComparison.Ordinal);
        ops.CheckPage("07-mapping-preview");
        ops.Click("Save mapping");
        ops.WaitForText("Saved.");

        // 7. A delivery, sent from the console, booked in QuickBooks; its payload page shows the document.
        ops.Open(sourcePage + "/send");
        ops.Fill("Event", "orders/create");
        ops.Driver.ExecuteScript("document.getElementById('body').value = arguments[0];", order);
        ops.Click("Send test delivery");
        ops.WaitForText("Received and booked", seconds: 30);
        ops.CheckPage("08-delivery-booked");
        ops.Click("Open the payload");
        ops.WaitForText("Documents booked");
        Assert.Equal("Booked", ops.Find("#payload-status").Text.Trim());
        Assert.Contains("Invoice", ops.Find("main").Text, StringComparison.Ordinal);
        ops.CheckPage("09-payload-booked");

        // The same order previewed again: booking would find its invoice, and the preview says so.
        ops.Open(sourcePage);
        ops.Click("Edit its mapping");
        ops.WaitForText("Edit this source's mapping");
        ops.Fill("Event type (only for vendor sources that name it in a header, e.g. Shopify's topic)", "orders/create");
        ops.Paste("preview-payload", order);
        ops.WaitForText("Booked already as Invoice");
        Assert.Contains("booking finds it and books nothing new for it", ops.Find("#mapping-preview p.preview-booked").Text, StringComparison.Ordinal);

        // 8. The operator breaks the books: untaxed lines are to use a tax code the company does not have.
        ops.Open($"/console/organizations/{organizationId}/books");
        ops.Fill("Tax code for untaxed lines", "Exempted").Click("Save settings");
        ops.WaitForText("Settings saved.");

        // 9. The next (untaxed) order is refused before anything reaches QuickBooks; its page says why and where to fix it.
        ops.Open(sourcePage + "/send");
        ops.Fill("Event", "orders/create");
        ops.Driver.ExecuteScript("document.getElementById('body').value = arguments[0];", untaxed.ToJsonString());
        ops.Click("Send test delivery");
        ops.WaitForText("Received", seconds: 30);
        ops.Click("Open the payload");
        ops.WaitForText("Why it failed", seconds: 30);
        var why = ops.Find("#why").Text;
        Assert.Contains("The books would not be right", why, StringComparison.Ordinal);
        Assert.Contains("'Exempted'", why, StringComparison.Ordinal);
        ops.CheckPage("10-payload-failed-explained");
        var failedPayloadPage = new Uri(ops.Url).AbsolutePath;

        // 10. The fix link opens the books settings; the operator names the company's real code and replays.
        ops.Click("Open the books settings");
        ops.WaitForText("Tax codes by rate");
        ops.Fill("Tax code for untaxed lines", "Exempt").Click("Save settings");
        ops.WaitForText("Settings saved.");
        ops.Open(failedPayloadPage);
        ops.Click("Replay this payload");
        // The page follows the replayed payload by itself until it settles.
        ops.WaitFor(d => d.FindElement(By.Id("payload-status")).Text.Trim() == "Booked", seconds: 60);
        ops.CheckPage("11-payload-replayed");
        Assert.Equal(organizationId, new Uri(ops.Url).AbsolutePath.Split('/')[^2]);
        var invoices = world.Connect.Sandbox.State.GetEntities(realmId, "Invoice");
        Assert.Equal(2, invoices.Count);
        Assert.Contains(invoices, i => (decimal)i["TotalAmt"]! == Delivery.Amount(untaxed["total_price"]));

        // 11. The organization's books as QuickBooks reports them, for the orders' month: both orders' money on the debit
        // side of the trial balance, balanced by income and the tax owed; the profit and loss keeps the period.
        ops.Open($"/console/organizations/{organizationId}");
        ops.Click("Reports");
        ops.WaitForText("Trial balance, ");
        ops.Open($"/console/organizations/{organizationId}/trial-balance?start=2024-10-01&end=2024-10-31");
        ops.WaitForText("Trial balance, 2024-10-01 to 2024-10-31");
        var both = (Delivery.Amount(JsonNode.Parse(order)!["total_price"]) + Delivery.Amount(untaxed["total_price"])).ToString("0.00", CultureInfo.InvariantCulture);
        Assert.Equal($"TOTAL {both} {both}", ops.Find("table tfoot tr").Text);
        ops.Click("Profit and loss");
        ops.WaitForText("Profit and loss, 2024-10-01 to 2024-10-31");
        Assert.StartsWith("Net Income ", ops.Find("table tfoot tr").Text, StringComparison.Ordinal);
        ops.CheckPage("12-profit-and-loss");

        // The accountant's copy: the profit and loss as CSV, its closing Net Income the page's.
        using var session = ops.SessionClient();
        var csv = await session.GetStringAsync(new Uri(ops.FindAll("a").Single(a => a.Text == "Download CSV of this report").GetAttribute("href")!));
        Assert.Equal("summary,0," + string.Join(",", ops.FindAll("table tfoot th, table tfoot td").Select(cell => cell.Text)),
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[^1]);
    }
}
