using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using OpenQA.Selenium;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The mapping editor in a real browser: the engine's errors appear as the operator types, the preview shows the
/// invoice a payload would become with each field's layer and the totals, a save is stored, a save from a stale
/// page is refused with what changed, and a viewer reads without changing.
/// </summary>
public sealed class MappingEditorTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    // The documented generic JSON format (docs/mapping.md), two lines: 7.5 × 120.00 + 1 × 80 = 980.00.
    private const string Payload = """
        {"id":"ord_2026_0042","number":"2026-0042","date":"2026-03-01","currency":"eur","customer":{"name":"Acme GmbH","email":"billing@acme.example"},
         "lines":[{"description":"Consulting (hours)","sku":"CONSULT-H","quantity":7.5,"unitPrice":"120.00"},{"description":"Travel flat fee","sku":"TRAVEL","unitPrice":80}]}
        """;

    private const string TemplateRules = """
        [{"qboField":"CustomerRef.value","sourceField":"customer.name","required":true},
         {"qboField":"TxnDate","sourceField":"date","transformation":"formatDate"},
         {"qboField":"Line","sourceField":"lines","required":true},
         {"qboField":"Line[].Description","sourceField":"description"},
         {"qboField":"Line[].SalesItemLineDetail.ItemRef.value","sourceField":"sku"},
         {"qboField":"Line[].SalesItemLineDetail.Qty","sourceField":"quantity","defaultValue":1},
         {"qboField":"Line[].SalesItemLineDetail.UnitPrice","sourceField":"unitPrice","transformation":"toNumber"}]
        """;

    [Theory, BothDatabases]
    public async Task EditMapping_ErrorsAsYouType_PreviewShowsLinesAndTotals_SaveIsStored(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, source) = await ArrangeAsync(world);
        var browser = world.LoggedIn("mapping");

        browser.Open("/console/mapping?q=" + Uri.EscapeDataString(organization.Slug));
        browser.CheckPage("index");
        browser.Click(source.Name);
        browser.WaitForText("Mapping of " + source.Name);
        Assert.Contains("Global template", browser.Find("table.layers").Text, StringComparison.Ordinal);
        browser.CheckPage("editor");

        // An unknown transformation step: the engine's error, naming the field, appears without submitting.
        browser.Fill("Source mapping (JSON)", """{"fieldMappings":[{"qboField":"DocNumber","sourceField":"number","transformation":"multiply:abc"}]}""");
        browser.WaitForText("fieldMappings[0].transformation");
        Assert.Contains("saving would be refused", browser.Find("#mapping-validation").Text, StringComparison.Ordinal);
        Assert.EndsWith($"/console/mapping/{organization.OrganizationId}/{source.SourceId}", browser.Url, StringComparison.Ordinal);

        browser.Fill("Source mapping (JSON)", """{"fieldMappings":[{"qboField":"DocNumber","sourceField":"number","transformation":"concat:WEB-"}],"staticValues":{"CurrencyRef.value":"EUR"}}""");
        browser.WaitForText("The mapping is valid");
        browser.Fill("Payload to try (JSON)", Payload);
        browser.WaitFor(d => d.FindElements(By.CssSelector("#mapping-preview tr.preview-line")).Count == 2);
        var preview = browser.Find("#mapping-preview").Text;
        Assert.Contains("Travel flat fee", preview, StringComparison.Ordinal);
        Assert.Contains("980.00", browser.Find("#preview-totals").Text, StringComparison.Ordinal);
        // Provenance: the number comes from the editor's (unsaved) source mapping, the customer from the template.
        var docNumber = browser.FindAll("#mapping-preview tr").First(r => r.Text.StartsWith("DocNumber", StringComparison.Ordinal)).Text;
        Assert.Contains("WEB-2026-0042", docNumber, StringComparison.Ordinal);
        Assert.Contains("Source mapping (in the editor)", docNumber, StringComparison.Ordinal);
        var customer = browser.FindAll("#mapping-preview tr").First(r => r.Text.StartsWith("CustomerRef.value", StringComparison.Ordinal)).Text;
        Assert.Contains("Global template", customer, StringComparison.Ordinal);
        browser.CheckPage("editor-preview");

        browser.Click("Save mapping");
        browser.WaitForText("Saved.");
        browser.Open($"/console/mapping/{organization.OrganizationId}/{source.SourceId}");
        Assert.Contains("concat:WEB-", browser.Find("#mapping-json").GetAttribute("value"), StringComparison.Ordinal);
        Assert.Contains("This source", browser.Find("table.layers").Text, StringComparison.Ordinal);
        var stored = await world.Service.Services.GetRequiredService<MappingStore>().GetSourceMappingAsync(organization.OrganizationId, source.SourceId, default);
        Assert.Contains("concat:WEB-", stored!.FieldMappings, StringComparison.Ordinal);
        Assert.Contains("EUR", stored.StaticValues, StringComparison.Ordinal);
        browser.CheckPage("editor-saved");
    }

    [Theory, BothDatabases]
    public async Task SaveFromAStalePage_SaysWhatChanged_AndDoesNotOverwrite(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, source) = await ArrangeAsync(world);
        var mappings = world.Service.Services.GetRequiredService<MappingStore>();
        await mappings.UpsertSourceMappingAsync(organization.OrganizationId, source.SourceId, """[{"qboField":"DocNumber","sourceField":"number"}]""", "{}", 0, true, default);
        var browser = world.LoggedIn("mapping-conflict");
        browser.Open($"/console/mapping/{organization.OrganizationId}/{source.SourceId}");

        // Another operator saves while this page is open.
        await mappings.UpsertSourceMappingAsync(organization.OrganizationId, source.SourceId,
            """[{"qboField":"DocNumber","sourceField":"id"}]""", "{}", 0, true, default);
        browser.Fill("Source mapping (JSON)", """{"fieldMappings":[{"qboField":"PrivateNote","sourceField":"id"}]}""");
        browser.Click("Save mapping");

        browser.WaitForText("Not saved: someone else saved this source's mapping");
        var conflict = browser.Find("#mapping-conflict").Text;
        Assert.Contains("field DocNumber", conflict, StringComparison.Ordinal);
        Assert.Contains("\"sourceField\":\"id\"", conflict, StringComparison.Ordinal);
        Assert.Contains("PrivateNote", browser.Find("#mapping-json").GetAttribute("value"), StringComparison.Ordinal); // the operator's text is kept
        var stored = await mappings.GetSourceMappingAsync(organization.OrganizationId, source.SourceId, default);
        Assert.Contains("\"sourceField\":\"id\"", stored!.FieldMappings, StringComparison.Ordinal);
        Assert.DoesNotContain("PrivateNote", stored.FieldMappings, StringComparison.Ordinal);
        browser.CheckPage("editor-conflict");

        // Having read what changed, the operator may replace it on purpose.
        browser.Click("Replace their version with mine");
        browser.WaitForText("Saved.");
        stored = await mappings.GetSourceMappingAsync(organization.OrganizationId, source.SourceId, default);
        Assert.Contains("PrivateNote", stored!.FieldMappings, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task VendorSource_PreviewOfAStripeFixture_ShowsTheDocumentsAndTheTotalsCheck_WithTheEditorsEventAction(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var services = world.Service.Services;
        var organization = await services.GetRequiredService<OrganizationStore>().CreateAsync("Stripe Mapping Co", Unique.Slug(), "pro", null, default);
        var source = await services.GetRequiredService<WebhookStore>().CreateSourceAsync(organization.OrganizationId, "Stripe", "stripe", "none", null, null, true, default);
        var browser = world.LoggedIn("mapping-vendor");
        browser.Open($"/console/mapping/{organization.OrganizationId}/{source.SourceId}");

        // An unsaved event action of the editor: the paid invoice is booked as a sales receipt.
        browser.Fill("Source mapping (JSON)", """{"eventActions":{"invoice.paid":"sales_receipt"}}""");
        browser.WaitForText("The mapping is valid");
        // A 5 KB fixture is set in one go, as a paste would.
        browser.Paste("preview-payload", await File.ReadAllTextAsync(Fixtures.Path("stripe/invoice.paid.json")));

        browser.WaitForText("Totals check");
        var preview = browser.Find("#mapping-preview").Text;
        Assert.Contains("SalesReceipt", preview, StringComparison.Ordinal);
        Assert.Contains("sales_receipt", preview, StringComparison.Ordinal);
        Assert.Contains("✓ the documents book 20.00, equal to the payload's total of 20.00", browser.Find("#preview-totals").Text, StringComparison.Ordinal);
        Assert.NotEmpty(browser.FindAll("#mapping-preview tr.preview-line"));
        browser.CheckPage("editor-vendor-preview");
    }

    [Theory, BothDatabases]
    public async Task Viewer_SeesTheEditorReadOnly_AndTheTemplate_OnAPhone(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, source) = await ArrangeAsync(world);
        var template = (await world.Service.Services.GetRequiredService<MappingStore>().GetGlobalTemplatesAsync(source.SourceType, default)).Single();
        var (viewer, _) = await Admins.CreateAsync(world.Service.Services, AdminRoles.Viewer);
        var browser = world.Browser("mapping-viewer", phone: true).LogIn(viewer.Email, Admins.Password);

        browser.Open($"/console/mapping/{organization.OrganizationId}/{source.SourceId}");
        browser.WaitForText("This source's mapping (read only)");
        Assert.NotNull(browser.Find("#mapping-json").GetAttribute("readonly"));
        Assert.DoesNotContain(browser.FindAll("button"), b => b.Text.Trim() == "Save mapping");
        // The preview writes nothing, so a viewer may still try a payload.
        browser.Fill("Payload to try (JSON)", Payload);
        browser.WaitFor(d => d.FindElements(By.CssSelector("#mapping-preview tr.preview-line")).Count == 2);
        browser.CheckPage("editor-viewer-phone");

        browser.Open("/console/mapping?q=" + Uri.EscapeDataString(organization.Slug));
        browser.CheckPage("index-phone");
        browser.Open($"/console/mapping/templates/{template.TemplateId}");
        browser.WaitForText("Template: " + template.Name);
        Assert.Contains("CustomerRef.value", browser.Find("table.layers").Text, StringComparison.Ordinal);
        browser.CheckPage("template-phone");
    }

    /// <summary>An organization with a source of a type of its own, and a template for that type (so no other test's templates apply).</summary>
    private static async Task<(Organization Organization, WebhookSource Source)> ArrangeAsync(ConsoleWorld world)
    {
        var services = world.Service.Services;
        var organization = await services.GetRequiredService<OrganizationStore>().CreateAsync("Mapping Editor Co", Unique.Slug(), "pro", null, default);
        var type = "shop-" + Guid.NewGuid().ToString("N")[..8];
        var source = await services.GetRequiredService<WebhookStore>().CreateSourceAsync(organization.OrganizationId, "Web shop", type, "none", null, null, true, default);
        await services.GetRequiredService<MappingStore>().CreateTemplateAsync("Shop orders", type, "Orders of the web shop", TemplateRules,
            """{"Line[].DetailType":"SalesItemLineDetail"}""", 0, default);
        return (organization, source);
    }
}
