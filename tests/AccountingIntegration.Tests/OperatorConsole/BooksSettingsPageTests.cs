using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>The organization's book-keeping settings in the console: saved through the API's rules, refusals named by field.</summary>
public sealed class BooksSettingsPageTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Admin_SavesTaxCodesAndItems_ABadRateIsRefusedNamingIt(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await world.Connect.CreateOrganizationAsync();
        var browser = world.LoggedIn("books-settings");
        browser.Open($"/console/organizations/{organization.OrganizationId}");
        browser.Click("Book-keeping settings");
        browser.WaitForText("Tax codes by rate");
        browser.CheckPage("books-settings");

        browser.Fill("Tax codes by rate", "thirteen = HST ON").Click("Save settings");
        browser.WaitForText("taxCodes.thirteen");
        browser.CheckPage("books-settings-refused");
        var unchanged = await world.Service.Services.GetRequiredService<OrganizationStore>().GetByIdAsync(organization.OrganizationId, default);
        Assert.Empty(OrganizationBooksSettings.Read(unchanged!.Settings).TaxCodesByRate);

        browser.Fill("Tax codes by rate", "13% = HST ON\n0.05 = GST").Fill("Shipping item", "Freight").Click("Save settings");
        browser.WaitForText("Settings saved.");
        var saved = OrganizationBooksSettings.Read((await world.Service.Services.GetRequiredService<OrganizationStore>()
            .GetByIdAsync(organization.OrganizationId, default))!.Settings);
        Assert.Equal(2, saved.TaxCodesByRate.Count);
        Assert.Contains("HST ON", saved.TaxCodesByRate.Values);
        Assert.Equal("Freight", saved.ShippingItem);
    }

    [Theory, BothDatabases]
    public async Task Viewer_SeesTheSettingsWithoutAForm(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await world.Connect.CreateOrganizationAsync();
        var (viewer, _) = await Admins.CreateAsync(world.Service.Services, AdminRoles.Viewer);
        var browser = world.Browser("books-settings-viewer", phone: true).LogIn(viewer.Email, Admins.Password);

        browser.Open($"/console/organizations/{organization.OrganizationId}/books");
        browser.WaitForText("Settings in effect");
        browser.CheckPage("books-settings-viewer");
        Assert.Empty(browser.FindAll("main form"));
    }
}
