using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The audit log's and alerts' organization filter with more organizations than a drop-down lists: it becomes a field
/// that takes any organization's slug, so the 201st client can be filtered by as well as the first.
/// </summary>
public sealed class OrganizationFilterTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task ManyOrganizations_AuditFilterTakesASlugBeyondTheFirst200(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var organizations = world.Service.Services.GetRequiredService<OrganizationStore>();
        var batch = Unique.Slug("many");
        for (var i = 0; i < 201; i++)
        {
            await organizations.CreateAsync($"Client {i:000}", $"{batch}-{i:000}", "pro", null, default);
        }

        // Created last, so it is not among the first 200 the page lists.
        var late = await organizations.CreateAsync("Zed Late Client", Unique.Slug("zed"), "pro", null, default);
        var audit = world.Service.Services.GetRequiredService<AuditTrail>();
        await audit.RecordAsync(AuditActor.System("test"), new AuditAction("organization", "organization.noted") { OrganizationId = late.OrganizationId }, default);
        var browser = world.LoggedIn("organization-filter");

        browser.Open("/console/audit");
        browser.WaitForText("Audit log");
        Assert.Equal("input", browser.Find("#organizationId").TagName);
        browser.Fill("Organization", late.Slug).Click("Filter");
        browser.WaitForText("now: Zed Late Client");
        var rows = browser.FindAll("main table tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains("Zed Late Client", row.Text, StringComparison.Ordinal));
        browser.CheckPage("audit-many-organizations");

        browser.Open($"/console/alerts?organizationId={Uri.EscapeDataString(late.Slug)}");
        browser.WaitForText("now: Zed Late Client");
        browser.Open("/console/audit?organizationId=no-such-client");
        browser.WaitForText("no organization has it");
        Assert.Empty(browser.FindAll("main table tbody tr"));
    }
}
