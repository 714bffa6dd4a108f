using System.Net;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using OpenQA.Selenium;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The overview, audit log and alerts pages in a real browser: the figures are the arranged ones, the charts draw, the
/// live region follows new data, filters narrow the lists and the CSV export follows them, alerts show their delivery.
/// </summary>
public sealed class OverviewPagesTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Overview_ShowsEachOrganizationsOutcomes_DrawsTheCharts_AndRefreshesLive(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var services = world.Service.Services;
        var database = services.GetRequiredService<Database>();
        var clock = services.GetRequiredService<TimeProvider>();
        var organization = await services.GetRequiredService<OrganizationStore>().CreateAsync("Overview Bakery", Unique.Slug(), "pro", null, default);
        var id = organization.OrganizationId;
        var now = clock.GetUtcNow().UtcDateTime;
        await OverviewData.AddPayloadsAsync(database, id, "succeeded", 3, now.AddSeconds(-30));
        await OverviewData.AddPayloadsAsync(database, id, "failed", 2, now.AddSeconds(-20));
        await OverviewData.AddAttemptsAsync(database, clock, id, "succeeded", 120, 180, 240);
        var browser = world.LoggedIn("overview");

        browser.Open("/console");
        browser.WaitForText("Overview Bakery");
        var row = $"tr[data-organization='{id}']";
        Assert.Equal("3", browser.Find($"{row} td[data-col='succeeded']").Text);
        Assert.Equal("2", browser.Find($"{row} td[data-col='failed']").Text);
        Assert.Equal("60 %", browser.Find($"{row} td:nth-of-type(5)").Text);
        Assert.Equal($"/console/organizations/{id}", new Uri(browser.Find($"{row} th a").GetAttribute("href")!).AbsolutePath);
        var failedLink = new Uri(browser.Find($"{row} a[href*='status=failed']").GetAttribute("href")!);
        Assert.Equal($"?organizationId={id}&status=failed", failedLink.Query);
        Assert.NotEqual("0", browser.Find("#figure-received").Text);
        // The charts draw into canvases, and their text alternative lists this minute's attempts.
        browser.WaitFor(d => d.FindElements(By.CssSelector("#chart-outcomes canvas")).Count > 0 && d.FindElements(By.CssSelector("#chart-latency canvas")).Count > 0);
        Assert.Contains("Payloads received per minute", browser.Find("#chart-outcomes-caption").Text, StringComparison.Ordinal);
        browser.Click("The charts' latest figures as a table (last 10 minutes, UTC)");
        Assert.Contains("180 ms", browser.Find("#chart-latest").Text, StringComparison.Ordinal);
        browser.CheckPage("overview");

        // New failures arrive: the live region shows them without a reload.
        await OverviewData.AddPayloadsAsync(database, id, "failed", 2, clock.GetUtcNow().UtcDateTime);
        browser.WaitFor(d => d.FindElement(By.CssSelector($"{row} td[data-col='failed']")).Text == "4");
        Assert.Equal("3", browser.Find($"{row} td[data-col='succeeded']").Text);
        browser.CheckPage("overview-refreshed");

        using var phone = world.Browser("overview-phone", phone: true).LogIn(world.Admin.Email, Admins.Password);
        phone.Open("/console");
        phone.WaitForText("Overview Bakery");
        phone.WaitFor(d => d.FindElements(By.CssSelector("#chart-outcomes canvas")).Count > 0);
        phone.CheckPage("overview-phone");
    }

    [Theory, BothDatabases]
    public async Task AuditLog_FiltersNarrowTheList_AndTheCsvHoldsTheFilteredRows(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var services = world.Service.Services;
        var organizations = services.GetRequiredService<OrganizationStore>();
        var alpha = await organizations.CreateAsync("Audit Alpha", Unique.Slug(), "pro", null, default);
        var beta = await organizations.CreateAsync("Audit Beta", Unique.Slug(), "pro", null, default);
        var action = "test.audited-" + Guid.NewGuid().ToString("N")[..8];
        var audit = services.GetRequiredService<AuditLogStore>();
        foreach (var (org, target) in new[] { (alpha, "alpha-1"), (alpha, "alpha-2"), (beta, "beta-1") })
        {
            await audit.InsertAsync(new AuditEntry
            {
                OrganizationId = org.OrganizationId, ActorType = "admin", ActorId = "overview-test", Category = "test", Action = action,
                TargetType = "thing", TargetId = target,
            }, default);
        }

        var browser = world.LoggedIn("audit");
        browser.Open("/console/audit");
        browser.Fill("Action", action).Click("Filter");
        browser.WaitForText("3 entries match.");
        browser.CheckPage("audit");
        browser.Fill("Organization", $"Audit Alpha ({alpha.Slug})").Click("Filter");
        browser.WaitForText("2 entries match.");
        var rows = browser.FindAll("table.audit tbody tr").Select(r => r.Text).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains("alpha-", r, StringComparison.Ordinal));

        // The page's own CSV link, fetched with the browser's session cookie.
        var href = browser.FindAll("a").Single(a => a.Text == "Download CSV of these entries").GetAttribute("href")!;
        using var client = browser.SessionClient();
        using var response = await client.GetAsync(new Uri(href));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("logId,timestamp,organizationId", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(alpha.OrganizationId, l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("alpha-1", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("beta-1", StringComparison.Ordinal));

        using var phone = world.Browser("audit-phone", phone: true).LogIn(world.Admin.Email, Admins.Password);
        phone.Open("/console/audit?action=" + action);
        phone.WaitForText("3 entries match.");
        phone.CheckPage("audit-phone");
    }

    [Theory, BothDatabases]
    public async Task Alerts_ListARaisedAlert_WithItsDeliveryAndLinks(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var services = world.Service.Services;
        var organization = await services.GetRequiredService<OrganizationStore>().CreateAsync("Alerting Shop", Unique.Slug(), "pro", null, default);
        var id = organization.OrganizationId;
        // The organization's own receiver: nothing listens there, so the delivery is retried, then given up.
        await services.GetRequiredService<AlertDestinationStore>().SaveAsync(
            id, "http://127.0.0.1:9/alerts", services.GetRequiredService<SecretProtector>().Protect("secret", AlertDestinationEndpoints.SecretContext(id)), default);
        var payloadId = Guid.NewGuid().ToString();
        var raised = await services.GetRequiredService<AlertRaiser>().RaiseAsync(new NewAlert(
            AlertKinds.PayloadDead, id, $"{AlertKinds.PayloadDead}:{id}:QBO_6240", $"Payloads of {organization.Slug} are dead (QBO_6240): they ran out of attempts",
            new JsonObject { ["organizationSlug"] = organization.Slug, ["code"] = "QBO_6240", ["firstPayloadId"] = payloadId }), default);
        Assert.NotNull(raised);

        var browser = world.LoggedIn("alerts");
        browser.Open("/console/alerts");
        browser.Fill("Organization", $"Alerting Shop ({organization.Slug})").Fill("Kind", "Payloads ran out of attempts").Click("Filter");
        browser.WaitForText($"Payloads of {organization.Slug} are dead");
        var row = browser.Find($"tr[data-alert='{raised!.AlertId}']");
        Assert.Contains("Payloads ran out of attempts", row.Text, StringComparison.Ordinal);
        Assert.Matches("(delivered|waiting to be sent|failed: gave up) to the organization's URL, \\d+ attempt", row.Text);
        Assert.Equal($"/console/payloads/{organization.OrganizationId}/{payloadId}", new Uri(row.FindElement(By.LinkText("See the first payload")).GetAttribute("href")!).AbsolutePath);
        Assert.Equal($"/console/organizations/{id}", new Uri(row.FindElement(By.LinkText("Alerting Shop")).GetAttribute("href")!).AbsolutePath);
        browser.CheckPage("alerts");

        // Another kind: the list is empty for this organization.
        browser.Fill("Kind", "QuickBooks connection expires soon").Click("Filter");
        browser.WaitForText("No alert matches these filters.");

        using var phone = world.Browser("alerts-phone", phone: true).LogIn(world.Admin.Email, Admins.Password);
        phone.Open($"/console/alerts?organizationId={id}");
        phone.WaitForText($"Payloads of {organization.Slug} are dead");
        phone.CheckPage("alerts-phone");
    }
}
