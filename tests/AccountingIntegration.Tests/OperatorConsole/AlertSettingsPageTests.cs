using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The organization's alert destinations in the console: a signed URL with a write-only secret and e-mail addresses,
/// saved through the API's rules, refusals named by field, the secret never shown back.
/// </summary>
public sealed class AlertSettingsPageTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string Secret = "receiver-shared-secret-0123456789";

    [Theory, BothDatabases]
    public async Task Admin_SetsTheUrlAndAddresses_RefusalsNamed_SecretNeverShown(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await world.Connect.CreateOrganizationAsync();
        var services = world.Service.Services;
        var browser = world.LoggedIn("alert-settings");
        browser.Open($"/console/organizations/{organization.OrganizationId}");
        browser.Click("Alert destinations");
        browser.WaitForText("No alert URL is set.");
        browser.CheckPage("alert-settings");

        browser.Fill("Alert URL", "https://alerts.shop.example/in").Fill("Signing secret", "short").Click("Save alert URL");
        browser.WaitForText("16 to 500 characters");
        Assert.Null(await services.GetRequiredService<AlertDestinationStore>().GetAsync(organization.OrganizationId, default));

        browser.Fill("Alert URL", "https://alerts.shop.example/in").Fill("Signing secret", Secret).Click("Save alert URL");
        browser.WaitForText("signed with the secret set for it");
        Assert.DoesNotContain(Secret, browser.Driver.PageSource, StringComparison.Ordinal);
        var saved = await services.GetRequiredService<AlertDestinationStore>().GetAsync(organization.OrganizationId, default);
        Assert.Equal("https://alerts.shop.example/in", saved!.Url);
        Assert.Equal(Secret, services.GetRequiredService<SecretProtector>().Unprotect(saved.SecretProtected,
            AlertDestinationEndpoints.SecretContext(organization.OrganizationId)));

        browser.Fill("Alert e-mail addresses", "books@shop.example\nBooks <owner@shop.example>").Click("Save e-mail addresses");
        browser.WaitForText("is not a plain e-mail address");
        browser.CheckPage("alert-settings-refused");
        // The refused form keeps what was typed; the other still shows what is saved.
        Assert.Contains("Books <owner@shop.example>", browser.Field("Alert e-mail addresses").GetAttribute("value"), StringComparison.Ordinal);
        Assert.Equal("https://alerts.shop.example/in", browser.Field("Alert URL").GetAttribute("value"));
        Assert.Null(await services.GetRequiredService<AlertEmailRecipientStore>().GetAsync(organization.OrganizationId, default));

        browser.Fill("Alert e-mail addresses", "books@shop.example\nowner@shop.example").Click("Save e-mail addresses");
        browser.WaitForText("now also e-mailed to these addresses");
        var addresses = await services.GetRequiredService<AlertEmailRecipientStore>().GetAsync(organization.OrganizationId, default);
        Assert.Equal(["books@shop.example", "owner@shop.example"], addresses!.List);
        // The test service has no SMTP server: the page says the addresses wait for one.
        browser.WaitForText("This service has no SMTP server");

        browser.Click("Remove alert URL");
        browser.WaitForText("The alert URL was removed.");
        browser.Click("Remove e-mail addresses");
        browser.WaitForText("The alert e-mail addresses were removed.");
        Assert.Null(await services.GetRequiredService<AlertDestinationStore>().GetAsync(organization.OrganizationId, default));
        Assert.Null(await services.GetRequiredService<AlertEmailRecipientStore>().GetAsync(organization.OrganizationId, default));
    }

    [Theory, BothDatabases]
    public async Task Viewer_SeesWhereAlertsGo_WithoutAForm(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await world.Connect.CreateOrganizationAsync();
        await world.Service.Services.GetRequiredService<AlertEmailRecipientStore>().SaveAsync(organization.OrganizationId, ["books@shop.example"], default);
        var (viewer, _) = await Admins.CreateAsync(world.Service.Services, AdminRoles.Viewer);
        var browser = world.Browser("alert-settings-viewer", phone: true).LogIn(viewer.Email, Admins.Password);

        browser.Open($"/console/organizations/{organization.OrganizationId}/alerts");
        browser.WaitForText("Alerts are e-mailed to: books@shop.example");
        browser.CheckPage("alert-settings-viewer");
        Assert.Empty(browser.FindAll("main form"));
    }
}
