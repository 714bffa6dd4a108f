using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// An organization's client overrides in the console: created from a source's mapping page, shown there as a layer,
/// edited with the version it was opened with (a save made meanwhile is reported, never overwritten), deactivated,
/// deleted; viewers read them without a way to change them.
/// </summary>
public sealed class OverridePagesTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task CreateEditDeleteAnOverride_FromTheSourcesMappingPage(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, source) = await ArrangeAsync(world);
        var mappings = world.Service.Services.GetRequiredService<MappingStore>();
        var browser = world.LoggedIn("overrides");

        browser.Open($"/console/mapping/{organization.OrganizationId}/{source.SourceId}");
        browser.WaitForText("This organization's client overrides for this source");
        browser.Click("Add a client override");
        browser.WaitForText("New client override");
        browser.CheckPage("override-new");
        browser.Fill("Name", "Memo from the order number");
        Assert.Equal(source.SourceId, browser.Find("#override-source").GetAttribute("value"));
        browser.Fill("Override layer (JSON)", """{"fieldMappings":[{"qboField":"PrivateNote","sourceField":"number"}],"staticValues":{},"priority":5}""");
        browser.Click("Create override");
        browser.WaitForText("Saved.");
        browser.CheckPage("override-saved");

        var created = Assert.Single(await mappings.ListOverridesAsync(organization.OrganizationId, default));
        Assert.Equal((source.SourceId, 5, true), (created.SourceId, created.Priority, created.IsActive));
        Assert.Contains("PrivateNote", created.FieldMappings, StringComparison.Ordinal);

        // It is a layer of the source now.
        browser.Open($"/console/mapping/{organization.OrganizationId}/{source.SourceId}");
        browser.WaitForText("Memo from the order number");
        Assert.Contains("PrivateNote", browser.Find("table.layers").Text, StringComparison.Ordinal);

        // Made to apply to every source and switched off.
        browser.Click("Memo from the order number");
        browser.WaitForText("Client override: Memo from the order number");
        browser.Fill("Applies to", $"All sources of {organization.Name}");
        browser.Find("input[type=checkbox][name=active]").Click();
        browser.Click("Save override");
        browser.WaitForText("Saved.");
        var edited = (await mappings.GetOverrideAsync(organization.OrganizationId, created.OverrideId, default))!;
        Assert.Equal((null, false), (edited.SourceId, edited.IsActive));

        // A layer the engine refuses is named by field and nothing is stored.
        browser.Fill("Override layer (JSON)", """{"fieldMappings":[{"qboField":"","sourceField":"number"}]}""");
        browser.Click("Save override");
        browser.WaitForText("qboField");
        Assert.Equal(edited.FieldMappings, (await mappings.GetOverrideAsync(organization.OrganizationId, created.OverrideId, default))!.FieldMappings);
        browser.CheckPage("override-refused");

        browser.Open($"/console/mapping/{organization.OrganizationId}/overrides/{created.OverrideId}");
        browser.WaitForText("Delete override");
        browser.Click("Delete override");
        browser.Driver.SwitchTo().Alert().Accept();
        browser.WaitForText("Sources by organization");
        Assert.Empty(await mappings.ListOverridesAsync(organization.OrganizationId, default));
        // Audit entries may be written in batches after the answer: read until the three are stored.
        var store = world.Service.Services.GetRequiredService<AuditLogStore>();
        var actions = await Eventually.GetAsync(
            async () => (await store.ListAsync(new AuditFilter { OrganizationId = organization.OrganizationId }, new Infrastructure.Data.PageRequest(1, 50), default))
                .Items.Where(e => e.TargetId == created.OverrideId).Select(e => e.Action).Order(StringComparer.Ordinal).ToList(),
            found => found.Count >= 3);
        Assert.Equal(["mapping_override.created", "mapping_override.deleted", "mapping_override.updated"], actions);
    }

    [Theory, BothDatabases]
    public async Task SaveFromAStalePage_SaysWhatChanged_AndReplacesOnlyOnPurpose(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await ArrangeAsync(world);
        var mappings = world.Service.Services.GetRequiredService<MappingStore>();
        var entry = await mappings.CreateOverrideAsync(organization.OrganizationId, null, "Doc numbers", """[{"qboField":"DocNumber","sourceField":"number"}]""", "{}", 0, default);
        var browser = world.LoggedIn("overrides-conflict");
        browser.Open($"/console/mapping/{organization.OrganizationId}/overrides/{entry.OverrideId}");
        browser.WaitForText("Client override: Doc numbers");

        // Another operator saves while this page is open.
        var theirs = (await mappings.GetOverrideAsync(organization.OrganizationId, entry.OverrideId, default))!;
        Assert.True(await mappings.UpdateOverrideAsync(theirs with { FieldMappings = """[{"qboField":"DocNumber","sourceField":"id"}]""" }, default));
        browser.Fill("Override layer (JSON)", """{"fieldMappings":[{"qboField":"PrivateNote","sourceField":"id"}]}""");
        browser.Click("Save override");

        browser.WaitForText("Not saved: someone else saved this override");
        Assert.Contains("field DocNumber", browser.Find("#override-conflict").Text, StringComparison.Ordinal);
        Assert.Contains("PrivateNote", browser.Find("#override-json").GetAttribute("value"), StringComparison.Ordinal);
        var stored = (await mappings.GetOverrideAsync(organization.OrganizationId, entry.OverrideId, default))!;
        Assert.DoesNotContain("PrivateNote", stored.FieldMappings, StringComparison.Ordinal);
        browser.CheckPage("override-conflict");

        browser.Click("Replace their version with mine");
        browser.WaitForText("Saved.");
        stored = (await mappings.GetOverrideAsync(organization.OrganizationId, entry.OverrideId, default))!;
        Assert.Contains("PrivateNote", stored.FieldMappings, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task EditATemplate_WithItsVersion_AStaleSaveIsReportedNotWritten(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (_, source) = await ArrangeAsync(world);
        var mappings = world.Service.Services.GetRequiredService<MappingStore>();
        var template = Assert.Single(await mappings.GetGlobalTemplatesAsync(source.SourceType, default));
        var browser = world.LoggedIn("template-edit");

        browser.Open($"/console/mapping/templates/{template.TemplateId}");
        browser.WaitForText("Edit the template");
        browser.Fill("Template layer (JSON)",
            """{"fieldMappings":[{"qboField":"CustomerRef.value","sourceField":"customer.name","required":true},{"qboField":"DocNumber","sourceField":"number"}],"priority":0}""");
        browser.Click("Save template");
        browser.WaitForText($"Saved as version {template.Version + 1}");
        browser.CheckPage("template-saved");
        var saved = (await mappings.GetTemplateAsync(template.TemplateId, default))!;
        Assert.Contains("DocNumber", saved.FieldMappings, StringComparison.Ordinal);

        // Another operator saves while the page is open: this save is refused and says what they changed.
        Assert.True(await mappings.UpdateTemplateAsync(saved with { StaticValues = """{"PrivateNote":"theirs"}""" }, saved.Version, default));
        browser.Fill("Template layer (JSON)", """{"fieldMappings":[{"qboField":"CustomerRef.value","sourceField":"customer.email"}],"priority":0}""");
        browser.Click("Save template");
        browser.WaitForText("Not saved: someone else saved this template");
        Assert.Contains("fixed value PrivateNote", browser.Find("#template-conflict").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("customer.email", (await mappings.GetTemplateAsync(template.TemplateId, default))!.FieldMappings, StringComparison.Ordinal);
        browser.CheckPage("template-conflict");
    }

    [Theory, BothDatabases]
    public async Task Viewer_ReadsAnOverrideWithoutForms(DatabaseKind kind)
    {
        await using var world = await ConsoleWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, source) = await ArrangeAsync(world);
        var entry = await world.Service.Services.GetRequiredService<MappingStore>()
            .CreateOverrideAsync(organization.OrganizationId, source.SourceId, "Viewer sees this", "[]", """{"PrivateNote":"from the console"}""", 0, default);
        var (viewer, _) = await Admins.CreateAsync(world.Service.Services, AdminRoles.Viewer);
        var browser = world.Browser("overrides-viewer", phone: true).LogIn(viewer.Email, Admins.Password);

        browser.Open($"/console/mapping/{organization.OrganizationId}/overrides/{entry.OverrideId}");
        browser.WaitForText("Client override: Viewer sees this");
        Assert.Contains("from the console", browser.Find("#override-json").GetAttribute("value"), StringComparison.Ordinal);
        Assert.Empty(browser.FindAll("main button"));
        browser.CheckPage("override-viewer-phone");
        browser.Open($"/console/mapping/{organization.OrganizationId}/{source.SourceId}");
        browser.WaitForText("Viewer sees this");
        Assert.Empty(browser.FindAll("a[href$='/overrides/new?sourceId=" + source.SourceId + "']"));
    }

    private static async Task<(Organization Organization, WebhookSource Source)> ArrangeAsync(ConsoleWorld world)
    {
        var services = world.Service.Services;
        var organization = await services.GetRequiredService<OrganizationStore>().CreateAsync("Override Co", Unique.Slug(), "pro", null, default);
        var type = "shop-" + Guid.NewGuid().ToString("N")[..8];
        var source = await services.GetRequiredService<WebhookStore>().CreateSourceAsync(organization.OrganizationId, "Web shop", type, "none", null, null, true, default);
        await services.GetRequiredService<MappingStore>().CreateTemplateAsync("Shop orders", type, "Orders of the web shop",
            """[{"qboField":"CustomerRef.value","sourceField":"customer.name","required":true}]""", "{}", 0, default);
        return (organization, source);
    }
}
