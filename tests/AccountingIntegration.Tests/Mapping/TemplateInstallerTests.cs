using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Mapping;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Tests.Mapping;

/// <summary>
/// The built-in templates' installation and upgrade. Templates are global, so each test has a database of its own
/// rather than the class's shared one.
/// </summary>
public sealed class TemplateInstallerTests
{
    /// <summary>The Stripe template as releases before event templates installed it (abridged: one header rule, the line type).</summary>
    private const string OldStripeFieldMappings = """[{"qboField":"DocNumber","sourceField":"data.object.number"},{"qboField":"Line","sourceField":"data.object.lines.data","required":true}]""";

    private const string OldStaticValues = """{"Line[].DetailType":"SalesItemLineDetail"}""";

    [Theory, BothDatabases]
    public async Task Install_FreshDatabase_AddsEveryBuiltInTemplateWithItsContent(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (installer, store) = Create(database);

        var result = await installer.InstallAsync(default);

        Assert.Equal(BuiltInTemplates.All.Select(Label), result.Installed);
        Assert.Empty(result.Upgraded);
        Assert.Empty(result.KeptEdited);
        foreach (var builtIn in BuiltInTemplates.All)
        {
            var stored = Assert.Single(await TemplatesAsync(store, builtIn.SourceType));
            Assert.Equal((builtIn.Name, builtIn.Description, 1, true), (stored.Name, stored.Description, stored.Version, stored.IsActive));
            Assert.Equal(builtIn.FieldMappings.Count, MappingJson.DeserializeFieldMappings(stored.FieldMappings).Count);
            Assert.Equal(builtIn.EventActions, MappingJson.DeserializeEventActions(stored.EventActions));
        }
    }

    [Theory, BothDatabases]
    public async Task Install_RunTwice_SecondRunChangesNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (installer, store) = Create(database);
        await installer.InstallAsync(default);
        var before = await TemplatesAsync(store, null);

        var second = await installer.InstallAsync(default);

        Assert.True(second.ChangedNothing);
        Assert.Empty(second.KeptEdited);
        Assert.Equal(before, await TemplatesAsync(store, null));
    }

    [Theory, BothDatabases]
    public async Task Install_UneditedTemplatesOfAnEarlierRelease_AreReplacedInPlaceUnderTheirNewNames(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (installer, store) = Create(database);
        var generic = BuiltInTemplates.ForSourceType("generic")!;
        var oldStripe = await store.CreateTemplateAsync("Stripe invoice.paid", "stripe", "Stripe invoice.paid events", OldStripeFieldMappings, OldStaticValues,
            0, default);
        var oldGeneric = await store.CreateTemplateAsync(generic.Name, "generic", "Generic JSON orders", MappingJson.SerializeFieldMappings(generic.FieldMappings),
            OldStaticValues, 0, default);

        var result = await installer.InstallAsync(default);
        var again = await installer.InstallAsync(default);

        Assert.Equal([Label(BuiltInTemplates.ForSourceType("stripe")!), Label(generic)], result.Upgraded);
        Assert.DoesNotContain(result.Installed, label => label.StartsWith("stripe:", StringComparison.Ordinal) || label.StartsWith("generic:", StringComparison.Ordinal));
        var stripe = Assert.Single(await TemplatesAsync(store, "stripe"));
        Assert.Equal((oldStripe.TemplateId, "Stripe events", 1, "[]", "{}"), (stripe.TemplateId, stripe.Name, stripe.Version, stripe.FieldMappings, stripe.StaticValues));
        Assert.Equal(BuiltInTemplates.ForSourceType("stripe")!.Description, stripe.Description);
        Assert.Equal(BuiltInTemplates.ForSourceType("stripe")!.EventActions, MappingJson.DeserializeEventActions(stripe.EventActions));
        var upgradedGeneric = Assert.Single(await TemplatesAsync(store, "generic"));
        Assert.Equal((oldGeneric.TemplateId, 1, generic.Description), (upgradedGeneric.TemplateId, upgradedGeneric.Version, upgradedGeneric.Description));
        Assert.Equal(new Dictionary<string, string> { ["sale"] = "invoice" }, MappingJson.DeserializeEventActions(upgradedGeneric.EventActions));
        Assert.True(again.ChangedNothing);
        Assert.Empty(again.KeptEdited);
    }

    [Theory, BothDatabases]
    public async Task Install_TemplatesAnOperatorEdited_AreLeftAloneAndReported(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (installer, store) = Create(database);
        var oldShopify = await store.CreateTemplateAsync("Shopify orders/paid", "shopify", "Shopify orders", OldStripeFieldMappings, OldStaticValues, 0, default);
        Assert.True(await store.UpdateTemplateAsync(oldShopify with { Description = "Our Shopify rules" }, 1, default));
        var paddle = BuiltInTemplates.ForSourceType("paddle")!;
        var ownPaddle = await store.CreateTemplateAsync(paddle.Name, "paddle", paddle.Description, "[]", "{}", 0, default, """{"transaction.completed":"sales_receipt"}""");
        Assert.True(await store.UpdateTemplateAsync(ownPaddle with { Priority = 0 }, 1, default));

        var result = await installer.InstallAsync(default);

        Assert.Equal(
            ["shopify: Shopify events (installed as 'Shopify orders/paid', edited by an operator)", "paddle: Paddle events (installed as 'Paddle events', edited by an operator)"],
            result.KeptEdited);
        Assert.DoesNotContain(result.Installed, label => label.StartsWith("shopify:", StringComparison.Ordinal) || label.StartsWith("paddle:", StringComparison.Ordinal));
        var shopify = Assert.Single(await TemplatesAsync(store, "shopify"));
        Assert.Equal(("Shopify orders/paid", "Our Shopify rules", 2, null), (shopify.Name, shopify.Description, shopify.Version, shopify.EventActions));
        var keptPaddle = Assert.Single(await TemplatesAsync(store, "paddle"));
        Assert.Equal("""{"transaction.completed":"sales_receipt"}""", keptPaddle.EventActions);
    }

    private static string Label(BuiltInTemplate template) => $"{template.SourceType}: {template.Name}";

    private static (TemplateInstaller Installer, MappingStore Store) Create(TestDatabase database)
    {
        var store = new MappingStore(database.Database, TimeProvider.System);
        return (new TemplateInstaller(store, new MappingCache(new MemoryCache(new MemoryCacheOptions()))), store);
    }

    private static async Task<IReadOnlyList<MappingTemplate>> TemplatesAsync(MappingStore store, string? sourceType) =>
        (await store.ListTemplatesAsync(sourceType, activeOnly: false, new PageRequest(1, 200), default)).Items;
}
