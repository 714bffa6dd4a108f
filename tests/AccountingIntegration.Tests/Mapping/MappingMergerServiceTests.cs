using System.Text.Json;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Mapping;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Tests.Mapping;

public sealed class MappingMergerServiceTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task GetEffectiveMapping_ThreeLayers_LaterPriorityWinsAndProvenanceIsKept(DatabaseKind kind)
    {
        var world = await World.CreateAsync(await databases.GetAsync(kind));
        var template = await world.Mappings.CreateTemplateAsync("t", world.SourceType, null,
            """[{"qboField":"DocNumber","sourceField":"number"},{"qboField":"PrivateNote","sourceField":"note"}]""", """{"CurrencyRef.value":"USD"}""", 0, default);
        var over = await world.Mappings.CreateOverrideAsync(world.OrganizationId, null, "o",
            """[{"qboField":"PrivateNote","sourceField":"memo"}]""", """{"CurrencyRef.value":"EUR"}""", 10, default);
        var own = await world.Mappings.UpsertSourceMappingAsync(world.OrganizationId, world.SourceId,
            """[{"qboField":"DocNumber","sourceField":"ref","transformation":"toUpperCase"}]""", "{}", 20, true, default);

        var effective = await world.Merger.GetEffectiveMappingAsync(world.Source, default);

        var mapping = effective.Mapping!;
        Assert.Equal([template.TemplateId, over.OverrideId, own!.MappingId], mapping.LayerIds);
        var doc = mapping.FieldMappings.Single(f => f.Mapping.QboField == "DocNumber");
        Assert.Equal(("ref", own.MappingId), (doc.Mapping.SourceField, doc.LayerId));
        Assert.Equal(over.OverrideId, mapping.FieldMappings.Single(f => f.Mapping.QboField == "PrivateNote").LayerId);
        Assert.Equal("EUR", (string?)mapping.StaticValues.Single(v => v.QboPath == "CurrencyRef.value").Value);
    }

    [Theory, BothDatabases]
    public async Task GetEffectiveMapping_NoLayer_IsNoMapping(DatabaseKind kind)
    {
        var world = await World.CreateAsync(await databases.GetAsync(kind));

        var effective = await world.Merger.GetEffectiveMappingAsync(world.Source, default);

        Assert.Null(effective.Mapping);
    }

    [Theory, BothDatabases]
    public async Task GetEffectiveMapping_LayerChanged_IsServedFromCacheUntilInvalidated(DatabaseKind kind)
    {
        var world = await World.CreateAsync(await databases.GetAsync(kind));
        await world.Mappings.UpsertSourceMappingAsync(world.OrganizationId, world.SourceId, """[{"qboField":"DocNumber","sourceField":"a"}]""", "{}", 0, true, default);
        await world.Merger.GetEffectiveMappingAsync(world.Source, default);
        await world.Mappings.UpsertSourceMappingAsync(world.OrganizationId, world.SourceId, """[{"qboField":"DocNumber","sourceField":"b"}]""", "{}", 0, true, default);

        var stale = await world.Merger.GetEffectiveMappingAsync(world.Source, default);
        world.Cache.InvalidateOrganization(world.OrganizationId);
        var fresh = await world.Merger.GetEffectiveMappingAsync(world.Source, default);

        Assert.Equal("a", stale.Mapping!.FieldMappings.Single().Mapping.SourceField);
        Assert.Equal("b", fresh.Mapping!.FieldMappings.Single().Mapping.SourceField);
    }

    [Theory, BothDatabases]
    public async Task GetEffectiveMapping_EventActionsOfThreeLayers_LaterLayerWinsPerKey(DatabaseKind kind)
    {
        var world = await World.CreateAsync(await databases.GetAsync(kind));
        await world.Mappings.CreateTemplateAsync("t", world.SourceType, null, "[]", "{}", 0, default,
            """{"sale":"auto","order.paid":"auto","order.cancelled":"void"}""");
        var over = await world.Mappings.CreateOverrideAsync(world.OrganizationId, null, "o", "[]", "{}", 10, default, """{"order.paid":"sales_receipt"}""");
        var own = await world.Mappings.UpsertSourceMappingAsync(world.OrganizationId, world.SourceId, "[]", "{}", 20, true, default, """{"ORDER.CANCELLED":"ignore"}""");

        var mapping = (await world.Merger.GetEffectiveMappingAsync(world.Source, default)).Mapping!;

        Assert.Equal(("sales_receipt", over.OverrideId), (mapping.EventActionFor("order.paid", "sale"), mapping.EventActions.Single(a => a.Event == "order.paid").LayerId));
        Assert.Equal(("ignore", own!.MappingId), (mapping.EventActionFor("order.cancelled", "cancellation"), mapping.EventActions.Single(a => a.Action == "ignore").LayerId));
        Assert.Equal("auto", mapping.EventActionFor("order.other", "sale"));
        Assert.Null(mapping.EventActionFor("order.other", "refund"));
    }

    [Theory, BothDatabases]
    public async Task BuiltInGenericTemplate_FromTheDatabase_MapsTheDocumentedSampleAsAnInvoice(DatabaseKind kind)
    {
        var world = await World.CreateAsync(await databases.GetAsync(kind), sourceType: "generic");
        await new TemplateInstaller(world.Mappings, world.Cache).InstallAsync(default);
        using var payload = JsonDocument.Parse(GenericOrder.Json);

        var effective = await world.Merger.GetEffectiveMappingAsync(world.Source, default);
        var draft = InvoiceDraftBuilder.Build(payload.RootElement, effective.Mapping!);

        Assert.Empty(draft.Errors);
        Assert.Equal(3, draft.Invoice["Line"]!.AsArray().Count);
        Assert.Contains(draft.Resolvers, r => r.EntityType == "Customer");
        Assert.Equal("invoice", effective.Mapping!.EventActionFor(null, "sale"));
    }

    [Theory, BothDatabases]
    public async Task BuiltInShopifyTemplate_FromTheDatabase_SaysWhatEachTopicBecomes(DatabaseKind kind)
    {
        var world = await World.CreateAsync(await databases.GetAsync(kind), sourceType: "shopify");
        await new TemplateInstaller(world.Mappings, world.Cache).InstallAsync(default);

        var mapping = (await world.Merger.GetEffectiveMappingAsync(world.Source, default)).Mapping!;

        Assert.Empty(mapping.FieldMappings);
        Assert.Empty(mapping.StaticValues);
        Assert.Equal(["auto", "auto", "void", "ignore"],
            new[] { ("orders/paid", "sale"), ("refunds/create", "refund"), ("orders/cancelled", "cancellation"), ("orders/edited", "nomoney") }
                .Select(e => mapping.EventActionFor(e.Item1, e.Item2)));
    }

    private sealed record World(MappingStore Mappings, MappingMergerService Merger, MappingCache Cache, OrganizationSource Source)
    {
        public static async Task<World> CreateAsync(TestDatabase database, string? sourceType = null)
        {
            var organizations = new OrganizationStore(database.Database, TimeProvider.System);
            var webhooks = new WebhookStore(database.Database, TimeProvider.System);
            var organization = await organizations.CreateAsync("Mapper", Unique.Slug(), "pro", null, default);
            var type = sourceType ?? "custom-" + Guid.NewGuid().ToString("N")[..8];
            var source = await webhooks.CreateSourceAsync(organization.OrganizationId, "main", type, "none", null, null, true, default);
            var mappings = new MappingStore(database.Database, TimeProvider.System);
            var cache = new MappingCache(new MemoryCache(new MemoryCacheOptions()));
            return new World(mappings, new MappingMergerService(mappings, cache), cache, source.AsOrganizationSource());
        }

        public string OrganizationId => Source.OrganizationId;

        public string SourceId => Source.SourceId;

        public string SourceType => Source.SourceType;
    }
}
