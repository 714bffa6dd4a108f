using AccountingIntegration.Features.Admin;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// A fresh local development service lets the first operator be created in the browser, and only
/// then; any other service gets its operators from create-admin.
/// </summary>
public sealed class FirstRunSetupTests
{
    [Theory, BothDatabases]
    public async Task FreshDevelopmentService_CreatesTheFirstOperatorInTheBrowser_ThenCloses(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var service = await TestService.StartAsync(database, new Dictionary<string, string> { ["environment"] = "Development" });
        using var browser = new ConsoleBrowser(service.BaseAddress, "setup");

        browser.Open("/console");
        browser.WaitForText("create the first operator");
        browser.CheckPage("login-first-run");
        browser.Click("create the first operator");
        browser.Fill("E-mail", "first@example.com").Fill("Password", "short").Click("Create and log in");
        browser.WaitForText("The password must be at least");
        browser.Fill("Password", Admins.Password).Click("Create and log in");
        browser.WaitFor(d => d.Url.EndsWith("/console", StringComparison.Ordinal));
        browser.CheckPage("first-operator-signed-in");
        Assert.Contains("first@example.com", browser.Text, StringComparison.Ordinal);

        var users = await service.Services.GetRequiredService<AdminUserStore>().ListAsync(new PageRequest(), default);
        Assert.Equal("admin", Assert.Single(users.Items).Role);
        browser.Open("/console/setup");
        Assert.Contains("First-run setup is closed", browser.Text, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task ServiceOutsideDevelopment_NeverOffersSetup(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var service = await TestService.StartAsync(database);
        using var browser = new ConsoleBrowser(service.BaseAddress, "setup-closed");

        browser.Open("/console/setup");
        Assert.Contains("First-run setup is closed", browser.Text, StringComparison.Ordinal);
        Assert.Empty(browser.FindAll("main form"));
        browser.Open("/console/login");
        Assert.DoesNotContain("create the first operator", browser.Text, StringComparison.Ordinal);
        Assert.Empty((await service.Services.GetRequiredService<AdminUserStore>().ListAsync(new PageRequest(), default)).Items);
    }
}
