using System.Net;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The organizations pages in a real browser: create, edit the plan, API keys and connect links shown once, revoke,
/// deactivate; what a viewer sees; search and paging; the same pages at phone width.
/// </summary>
public sealed class OrganizationPagesTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Admin_CreatesAnOrganization_EditsItsTier_AndManagesItsKeysAndLinks(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var browser = world.LoggedIn("organizations");
        var slug = Unique.Slug("harbor");

        browser.Open("/console/organizations");
        browser.CheckPage("list");
        browser.Fill("Name", "Harbor Books").Fill("Slug", slug).Fill("Plan tier", "starter").Click("Create organization");
        browser.WaitForText("The organization was created");
        browser.CheckPage("details-created");
        var organization = (await world.Service.Services.GetRequiredService<OrganizationStore>().GetBySlugAsync(slug, default))!;
        Assert.Equal(("Harbor Books", "starter"), (organization.Name, organization.PlanTier));
        Assert.EndsWith($"/console/organizations/{organization.OrganizationId}?done=created", browser.Url, StringComparison.Ordinal);
        Assert.Equal(["organization.created"], await AuditActionsAsync(world, organization.OrganizationId));

        // The API's validation, shown beside the field; nothing is saved.
        browser.Fill("Plan tier", "pro").Fill("Logo URL", "http://insecure.example/logo.png").Click("Save changes");
        browser.WaitForText("must be a full https:// address");
        browser.CheckPage("details-refused");
        Assert.Equal("starter", (await OrganizationAsync(world, organization.OrganizationId)).PlanTier);
        browser.Fill("Logo URL", string.Empty).Fill("Plan tier", "pro").Click("Save changes");
        browser.WaitForText("The changes were saved.");
        Assert.Equal("pro", (await OrganizationAsync(world, organization.OrganizationId)).PlanTier);
        Assert.Contains("plan pro", browser.Find("main").Text, StringComparison.Ordinal);

        // An API key: shown on the answer to its creation, once, and it works.
        browser.Fill("Key name", "Shop webhooks").Click("Create API key");
        browser.WaitForText("Copy it now");
        var key = browser.Find("#new-api-key").Text.Trim();
        Assert.StartsWith(SecretTokens.ApiKeyPrefix, key, StringComparison.Ordinal);
        Assert.Equal("#new-api-key", browser.Find(".secret button[data-copy]").GetAttribute("data-copy"));
        browser.CheckPage("key-created");
        using (var api = world.Connect.ClientWithKey(key))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/org/{slug}/status")).StatusCode);
        }

        browser.Open($"/console/organizations/{organization.OrganizationId}");
        Assert.DoesNotContain(key, browser.Driver.PageSource, StringComparison.Ordinal);
        Assert.Empty(browser.FindAll("#new-api-key"));
        Assert.Contains(SecretTokens.DisplayPrefix(key), browser.Find("main").Text, StringComparison.Ordinal);

        Accept(browser, () => browser.Click("Revoke"));
        browser.WaitForText("The API key was revoked");
        browser.CheckPage("key-revoked");
        using (var api = world.Connect.ClientWithKey(key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync($"/api/v1/org/{slug}/status")).StatusCode);
        }

        // A connect link: shown once, listed by state only, revocable.
        browser.Fill("Valid for (days)", "3").Click("Create connect link");
        browser.WaitFor(d => d.FindElements(By.Id("new-connect-link")).Count == 1);
        var link = browser.Find("#new-connect-link").Text.Trim();
        Assert.StartsWith(new Uri(world.Service.BaseAddress, "/connect/" + SecretTokens.ConnectTokenPrefix).ToString(), link, StringComparison.Ordinal);
        Assert.Contains("valid until", browser.Find(".notice").Text, StringComparison.Ordinal);
        browser.CheckPage("link-created");
        browser.Open($"/console/organizations/{organization.OrganizationId}");
        Assert.DoesNotContain(link, browser.Driver.PageSource, StringComparison.Ordinal);
        Accept(browser, () => browser.Click("Revoke"));
        browser.WaitForText("The connect link was revoked");
        Assert.Contains("revoked", browser.Find("#links-heading + p + div table").Text, StringComparison.Ordinal);

        Accept(browser, () => browser.Click("Deactivate organization"));
        browser.WaitForText("The organization was deactivated");
        browser.CheckPage("deactivated");
        Assert.False((await OrganizationAsync(world, organization.OrganizationId)).IsActive);
        Assert.Empty(browser.FindAll("#keyName"));
        Assert.Equal(
            ["api_key.created", "api_key.revoked", "connect_token.created", "connect_token.revoked", "organization.created", "organization.deactivated", "organization.updated"],
            await AuditActionsAsync(world, organization.OrganizationId));
    }

    [Theory, BothDatabases]
    public async Task List_SearchesFiltersAndPages_AlsoAtPhoneWidth(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var store = world.Service.Services.GetRequiredService<OrganizationStore>();
        var marker = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 27; i++)
        {
            await store.CreateAsync($"Paged {marker} {i:00}", Unique.Slug("paged"), "free", null, default);
        }

        var retired = await store.CreateAsync($"Retired {marker}", Unique.Slug("retired"), "free", null, default);
        await store.DeactivateAsync(retired.OrganizationId, default);
        var browser = world.LoggedIn("organizations-phone", phone: true);

        browser.Open("/console/organizations");
        browser.Fill("Search name or slug", marker).Click("Search");
        browser.WaitForText("28 organizations found.");
        browser.CheckPage("list-search");
        Assert.Equal(25, browser.FindAll("#organizations tbody tr").Count);
        browser.Click("Next page");
        browser.WaitForText("Page 2 of 2");
        Assert.Equal(3, browser.FindAll("#organizations tbody tr").Count);
        browser.Fill("Show", "Deactivated only").Click("Search");
        browser.WaitForText("1 organization found.");
        Assert.Contains($"Retired {marker}", browser.Find("#organizations tbody").Text, StringComparison.Ordinal);
        Assert.Contains("Deactivated", browser.Find("#organizations tbody").Text, StringComparison.Ordinal);

        browser.Click($"Retired {marker}");
        browser.WaitForText("This organization is deactivated");
        browser.CheckPage("details-phone");
        Assert.Contains("Sources", browser.Find("nav.actions").Text, StringComparison.Ordinal);
        Assert.Equal($"/console/organizations/{retired.OrganizationId}/sources", new Uri(browser.Find("nav.actions a").GetAttribute("href")!).AbsolutePath);
        Assert.Equal($"?organizationId={retired.OrganizationId}", new Uri(browser.FindAll("nav.actions a")[1].GetAttribute("href")!).Query);

        // An unknown id explains itself.
        browser.Open("/console/organizations/no-such-organization");
        browser.WaitForText("Organization not found");
        browser.CheckPage("details-unknown");
    }

    [Theory, BothDatabases]
    public async Task List_IsByNameByDefault_AndNewestFirstOnRequest_KeptWhenPaging(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        // A clock of its own gives each organization a distinct creation time, so "newest first" has one answer.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new OrganizationStore(world.Service.Services.GetRequiredService<Database>(), clock);
        var marker = Guid.NewGuid().ToString("N")[..8];
        // 26 letters created in a shuffled order (7 steps at a time), every other one capitalised.
        var created = new List<string>();
        for (var i = 0; i < 26; i++)
        {
            var letter = (char)('a' + (i * 7 % 26));
            var name = $"Sorted {marker} {(i % 2 == 0 ? letter : char.ToUpperInvariant(letter))}";
            clock.Advance(TimeSpan.FromMinutes(1));
            await store.CreateAsync(name, Unique.Slug("sorted"), "free", null, default);
            created.Add(name);
        }

        var byName = created.OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal).ToList();
        var newest = Enumerable.Reverse(created).ToList();
        var browser = world.LoggedIn("organizations-order");

        browser.Open("/console/organizations?search=" + marker);
        browser.WaitForText("26 organizations found.");
        Assert.Equal("By name (A–Z)", new SelectElement(browser.Field("Order")).SelectedOption.Text);
        Assert.Equal(byName.Take(25), Names(browser));
        browser.Click("Next page");
        browser.WaitForText("Page 2 of 2");
        Assert.Equal(byName.Skip(25), Names(browser));

        browser.Fill("Order", "Newest first").Click("Search");
        browser.WaitForText("Page 1 of 2");
        Assert.Equal(newest.Take(25), Names(browser));
        browser.CheckPage("list-newest");
        Assert.Contains("order=newest", browser.Find("nav.pager a").GetAttribute("href"), StringComparison.Ordinal);
        browser.Click("Next page");
        browser.WaitForText("Page 2 of 2");
        Assert.Equal(newest.Skip(25), Names(browser));
        Assert.Equal("Newest first", new SelectElement(browser.Field("Order")).SelectedOption.Text);
    }

    [Theory, BothDatabases]
    public async Task Viewer_SeesOrganizationsKeysAndLinks_WithoutAnyForm(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await world.Connect.CreateOrganizationAsync();
        var (viewer, _) = await Admins.CreateAsync(world.Service.Services, AdminRoles.Viewer);
        var browser = world.Browser("organizations-viewer").LogIn(viewer.Email, Admins.Password);

        browser.Open("/console/organizations?search=" + organization.Slug);
        browser.WaitForText(organization.Name);
        browser.CheckPage("list");
        Assert.Empty(browser.FindAll("main form[method=post]"));
        browser.Open($"/console/organizations/{organization.OrganizationId}");
        browser.WaitForText("test key");
        browser.CheckPage("details");
        Assert.Empty(browser.FindAll("main form[method=post]"));
        Assert.DoesNotContain("Revoke", browser.Find("main").Text, StringComparison.Ordinal);
        Assert.Contains("No QuickBooks company is connected yet", browser.Find("#connection-summary").Text, StringComparison.Ordinal);
    }

    private static List<string> Names(ConsoleBrowser browser) => [.. browser.FindAll("#organizations tbody th").Select(th => th.Text.Trim())];

    private static void Accept(ConsoleBrowser browser, Action click)
    {
        click();
        browser.WaitFor(d =>
        {
            try
            {
                d.SwitchTo().Alert().Accept();
                return true;
            }
            catch (NoAlertPresentException)
            {
                return false;
            }
        });
    }

    private static async Task<Organization> OrganizationAsync(ConsoleWorld world, string id) =>
        (await world.Service.Services.GetRequiredService<OrganizationStore>().GetByIdAsync(id, default))!;

    /// <summary>The organization's audited actions, sorted by name: each change the pages made, recorded once, as the API records it.</summary>
    private static async Task<List<string>> AuditActionsAsync(ConsoleWorld world, string organizationId)
    {
        await world.Service.Services.GetRequiredService<AuditTrail>().FlushAsync();
        var entries = await world.Service.Services.GetRequiredService<AuditLogStore>().ListAsync(
            new AuditFilter { OrganizationId = organizationId }, new(1, 100), default);
        return [.. entries.Items.Select(e => e.Action).Order(StringComparer.Ordinal)];
    }
}
