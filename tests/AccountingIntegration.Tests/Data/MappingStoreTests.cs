using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class MappingStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string FieldMappings =
        "[{\"qboField\": \"CustomerRef.value\", \"sourceField\": \"data.object.customer_email\", \"transformation\": \"trim|resolve:Customer\"},\n" +
        " {\"qboField\":\"PrivateNote\",\"sourceField\":\"[\\\"key.with.dots\\\"]\",\"defaultValue\":\"Zoë ☕ 😀\"}]";

    private const string StaticValues = "{\"CurrencyRef.value\": \"EUR\", \"Big\": 820982911946154508, \"Nested\": {\"a\": [1.50, null]}}";

    private const string EventActions = "{\"invoice.paid\": \"sales_receipt\", \"PAYMENT.CAPTURE.COMPLETED\":\"auto\", \"sale\": \"invoice\"}";

    [Theory, BothDatabases]
    public async Task CreateTemplateAsync_ThenGet_RoundTripsEveryFieldAndJsonByteExact(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new MappingStore((await databases.GetAsync(kind)).Database, clock);

        var created = await store.CreateTemplateAsync("Stripe invoices", UniqueType(), "Default for Stripe — café", FieldMappings, StaticValues, 10, default);
        var read = await store.GetTemplateAsync(created.TemplateId, default);

        Assert.Equal(created, read);
        Assert.Equal(FieldMappings, read!.FieldMappings);
        Assert.Equal(StaticValues, read.StaticValues);
        Assert.Equal(1, read.Version);
        Assert.True(read.IsActive);
        Assert.Equal(DateTimeKind.Utc, read.UpdatedAt.Kind);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, read.UpdatedAt);
    }

    [Theory, BothDatabases]
    public async Task UpdateTemplateAsync_ExpectedVersion_BumpsVersionOnce_StaleVersionReturnsFalse(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new MappingStore((await databases.GetAsync(kind)).Database, clock);
        var created = await store.CreateTemplateAsync("T", UniqueType(), null, "[]", "{}", 1, default);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.True(await store.UpdateTemplateAsync(created with { Name = "T2", FieldMappings = FieldMappings, Priority = 5 }, 1, default));
        Assert.False(await store.UpdateTemplateAsync(created with { Name = "Lost update" }, 1, default));

        var read = await store.GetTemplateAsync(created.TemplateId, default);
        Assert.Equal("T2", read!.Name);
        Assert.Equal(FieldMappings, read.FieldMappings);
        Assert.Equal(5, read.Priority);
        Assert.Equal(2, read.Version);
        Assert.Equal(created.CreatedAt, read.CreatedAt);
        Assert.Equal(created.CreatedAt.AddSeconds(30), read.UpdatedAt);
    }

    [Theory, BothDatabases]
    public async Task UpdateTemplateAsync_ConcurrentWithSameVersion_ExactlyOneWins(DatabaseKind kind)
    {
        var store = new MappingStore((await databases.GetAsync(kind)).Database, TestClock.Create());
        var created = await store.CreateTemplateAsync("T", UniqueType(), null, "[]", "{}", 1, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => store.UpdateTemplateAsync(created with { Name = $"writer {i}" }, 1, default))));

        Assert.Single(results, r => r);
        Assert.Equal(2, (await store.GetTemplateAsync(created.TemplateId, default))!.Version);
    }

    [Theory, BothDatabases]
    public async Task EventActions_OfEveryLayerKind_RoundTripByteExactAndUpdatesWriteThem(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new MappingStore(database, TestClock.Create());
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;

        var template = await store.CreateTemplateAsync("T", UniqueType(), null, "[]", "{}", 0, default, EventActions);
        var over = await store.CreateOverrideAsync(org, null, "O", "[]", "{}", 0, default, EventActions);
        var own = await store.UpsertSourceMappingAsync(org, source, "[]", "{}", 0, true, default, EventActions);
        var none = await store.CreateTemplateAsync("none", UniqueType(), null, "[]", "{}", 0, default);

        Assert.Equal(EventActions, (await store.GetTemplateAsync(template.TemplateId, default))!.EventActions);
        Assert.Equal(EventActions, (await store.GetOverrideAsync(org, over.OverrideId, default))!.EventActions);
        Assert.Equal(EventActions, (await store.GetSourceMappingAsync(org, source, default))!.EventActions);
        Assert.Equal(own, await store.GetSourceMappingAsync(org, source, default));
        Assert.Null((await store.GetTemplateAsync(none.TemplateId, default))!.EventActions);

        Assert.True(await store.UpdateTemplateAsync(template with { EventActions = null }, 1, default));
        Assert.True(await store.UpdateOverrideAsync(over with { EventActions = """{"sale":"invoice"}""" }, default));
        Assert.Null((await store.GetTemplateAsync(template.TemplateId, default))!.EventActions);
        Assert.Equal("""{"sale":"invoice"}""", (await store.GetOverrideAsync(org, over.OverrideId, default))!.EventActions);
    }

    [Theory, BothDatabases]
    public async Task UpgradeBuiltInTemplateAsync_Version1_WritesContentKeepingVersion1_EditedIsLeftAlone(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new MappingStore((await databases.GetAsync(kind)).Database, clock);
        var untouched = await store.CreateTemplateAsync("Old name", UniqueType(), "old", FieldMappings, StaticValues, 0, default);
        var edited = await store.CreateTemplateAsync("Old name", UniqueType(), "old", FieldMappings, StaticValues, 0, default);
        Assert.True(await store.UpdateTemplateAsync(edited with { Description = "ours" }, 1, default));
        clock.Advance(TimeSpan.FromMinutes(1));

        var upgraded = untouched with { Name = "New name", Description = "new", FieldMappings = "[]", StaticValues = "{}", EventActions = EventActions };
        Assert.True(await store.UpgradeBuiltInTemplateAsync(upgraded, default));
        Assert.False(await store.UpgradeBuiltInTemplateAsync(edited with { Description = "new" }, default));

        Assert.Equal(upgraded with { UpdatedAt = untouched.CreatedAt.AddMinutes(1) }, await store.GetTemplateAsync(untouched.TemplateId, default));
        var kept = await store.GetTemplateAsync(edited.TemplateId, default);
        Assert.Equal(("ours", 2), (kept!.Description, kept.Version));
    }

    [Theory, BothDatabases]
    public async Task DeactivateTemplateAsync_RemovesFromGlobalTemplatesAndActiveList(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        var store = new MappingStore((await databases.GetAsync(kind)).Database, clock);
        var type = UniqueType();
        var low = await store.CreateTemplateAsync("low", type, null, "[]", "{}", 1, default);
        var high = await store.CreateTemplateAsync("high", type, null, "[]", "{}", 9, default);
        clock.Advance(TimeSpan.FromSeconds(1));
        var alsoLow = await store.CreateTemplateAsync("also low", type, null, "[]", "{}", 1, default);
        await store.CreateTemplateAsync("other type", UniqueType(), null, "[]", "{}", 1, default);

        Assert.Equal([low.TemplateId, alsoLow.TemplateId, high.TemplateId], (await store.GetGlobalTemplatesAsync(type, default)).Select(t => t.TemplateId));
        Assert.True(await store.DeactivateTemplateAsync(low.TemplateId, default));
        Assert.False(await store.DeactivateTemplateAsync(low.TemplateId, default));

        Assert.Equal([alsoLow.TemplateId, high.TemplateId], (await store.GetGlobalTemplatesAsync(type, default)).Select(t => t.TemplateId));
        Assert.Equal(2, (await store.GetTemplateAsync(low.TemplateId, default))!.Version);
        Assert.Equal(2, (await store.ListTemplatesAsync(type, activeOnly: true, new PageRequest(), default)).Total);
        var all = await store.ListTemplatesAsync(type, activeOnly: false, new PageRequest(page: 2, pageSize: 2), default);
        Assert.Equal(3, all.Total);
        Assert.Equal(high.TemplateId, Assert.Single(all.Items).TemplateId);
    }

    [Theory, BothDatabases]
    public async Task CreateOverrideAsync_ThenGetAndList_RoundTripsAndIsTenantScoped(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new MappingStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var intruder = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;

        var created = await store.CreateOverrideAsync(org, source, "Client tweak", FieldMappings, StaticValues, 50, default);

        Assert.Equal(created, await store.GetOverrideAsync(org, created.OverrideId, default));
        Assert.Equal(created, Assert.Single(await store.ListOverridesAsync(org, default)));
        Assert.Null(await store.GetOverrideAsync(intruder, created.OverrideId, default));
        Assert.Empty(await store.ListOverridesAsync(intruder, default));
        Assert.False(await store.UpdateOverrideAsync(created with { OrganizationId = intruder, Name = "x" }, default));
        Assert.False(await store.DeleteOverrideAsync(intruder, created.OverrideId, default));
        Assert.NotNull(await store.GetOverrideAsync(org, created.OverrideId, default));
    }

    [Theory, BothDatabases]
    public async Task UpdateAndDeleteOverrideAsync_ChangeThenRemoveTheRow(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new MappingStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var created = await store.CreateOverrideAsync(org, null, "All sources", "[]", "{}", 1, default);
        clock.Advance(TimeSpan.FromMinutes(1));

        var changed = created with { Name = "Renamed", StaticValues = StaticValues, IsActive = false, Priority = 3 };
        Assert.True(await store.UpdateOverrideAsync(changed, default));
        Assert.Equal(changed with { UpdatedAt = created.CreatedAt.AddMinutes(1) }, await store.GetOverrideAsync(org, created.OverrideId, default));

        Assert.True(await store.DeleteOverrideAsync(org, created.OverrideId, default));
        Assert.Null(await store.GetOverrideAsync(org, created.OverrideId, default));
        Assert.False(await store.DeleteOverrideAsync(org, created.OverrideId, default));
    }

    [Theory, BothDatabases]
    public async Task GetClientOverridesAsync_ReturnsActiveOverridesForTheSourceAndForAllSources(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new MappingStore(database, TestClock.Create());
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var otherOrg = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;
        var otherSource = (await TestData.SourceAsync(database, org)).SourceId;
        var forSource = await store.CreateOverrideAsync(org, source, "this source", "[]", "{}", 20, default);
        var forAll = await store.CreateOverrideAsync(org, null, "all sources", "[]", "{}", 10, default);
        await store.CreateOverrideAsync(org, otherSource, "other source", "[]", "{}", 1, default);
        await store.CreateOverrideAsync(otherOrg, null, "other org", "[]", "{}", 1, default);
        var inactive = await store.CreateOverrideAsync(org, source, "inactive", "[]", "{}", 1, default);
        await store.UpdateOverrideAsync(inactive with { IsActive = false }, default);

        var overrides = await store.GetClientOverridesAsync(org, source, default);

        Assert.Equal([forAll.OverrideId, forSource.OverrideId], overrides.Select(o => o.OverrideId));
    }

    [Theory, BothDatabases]
    public async Task UpsertSourceMappingAsync_TwiceForOneSource_KeepsOneRowWithTheLatestValues(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new MappingStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;

        var first = await store.UpsertSourceMappingAsync(org, source, "[]", "{}", 100, true, default);
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await store.UpsertSourceMappingAsync(org, source, FieldMappings, StaticValues, 200, true, default);

        Assert.Equal(first!.MappingId, second!.MappingId);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        var read = await store.GetSourceMappingAsync(org, source, default);
        Assert.Equal(second, read);
        Assert.Equal(FieldMappings, read!.FieldMappings);
        Assert.Equal(StaticValues, read.StaticValues);
        Assert.Equal(200, read.Priority);
        Assert.Equal(first.CreatedAt.AddMinutes(1), read.UpdatedAt);
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT COUNT(*) FROM mapping_configurations WHERE source_id = @Source", new { Source = source }));
    }

    [Theory, BothDatabases]
    public async Task UpsertSourceMappingAsync_WithAVersionReadBeforeAnotherSave_IsRefusedAndChangesNothing(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new MappingStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;

        // Two editors open the source with no mapping; the first creates one, the second must not overwrite it.
        var first = await store.UpsertSourceMappingAsync(org, source, "[]", "{}", 100, true, default, expectedVersion: SourceMapping.NoVersion);
        clock.Advance(TimeSpan.FromMinutes(1));
        var stale = await Assert.ThrowsAsync<SourceMappingVersionConflictException>(() =>
            store.UpsertSourceMappingAsync(org, source, FieldMappings, StaticValues, 200, true, default, expectedVersion: SourceMapping.NoVersion));
        var read = await store.GetSourceMappingAsync(org, source, default);
        var next = await store.UpsertSourceMappingAsync(org, source, FieldMappings, StaticValues, 200, true, default, expectedVersion: SourceMapping.VersionOf(read));

        Assert.Equal(SourceMapping.VersionOf(first), stale.CurrentVersion);
        Assert.Equal(first, read);
        Assert.Equal(200, next!.Priority);
        Assert.NotEqual(SourceMapping.VersionOf(read), SourceMapping.VersionOf(await store.GetSourceMappingAsync(org, source, default)));
        // Without a version the save is last-writer-wins, as before.
        Assert.NotNull(await store.UpsertSourceMappingAsync(org, source, "[]", "{}", 300, true, default));
    }

    [Theory, BothDatabases]
    public async Task UpsertSourceMappingAsync_Concurrent_LeavesExactlyOneRow(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new MappingStore(database, TestClock.Create());
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;

        // Several rounds on fresh sources: a single round of short transactions may not overlap.
        for (var round = 0; round < 5; round++)
        {
            var source = (await TestData.SourceAsync(database, org)).SourceId;
            var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
                Task.Run(() => store.UpsertSourceMappingAsync(org, source, "[]", "{}", i, true, default))));

            Assert.Single(results.Select(r => r!.MappingId).Distinct());
            Assert.Equal(1, await Sql.CountAsync(database, "SELECT COUNT(*) FROM mapping_configurations WHERE source_id = @Source", new { Source = source }));
        }
    }

    [Theory, BothDatabases]
    public async Task UpsertSourceMappingAsync_AnotherOrganizationsSource_ReturnsNullAndStoresNothing(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new MappingStore(database, TestClock.Create());
        var owner = (await TestData.OrganizationAsync(database)).OrganizationId;
        var intruder = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, owner)).SourceId;

        Assert.Null(await store.UpsertSourceMappingAsync(intruder, source, "[]", "{}", 1, true, default));
        Assert.Null(await store.GetSourceMappingAsync(intruder, source, default));
        Assert.Equal(0, await Sql.CountAsync(database, "SELECT COUNT(*) FROM mapping_configurations WHERE source_id = @Source", new { Source = source }));
    }

    [Theory, BothDatabases]
    public async Task GetSourceMappingAsync_InactiveMapping_ReturnsNull(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new MappingStore(database, TestClock.Create());
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;

        await store.UpsertSourceMappingAsync(org, source, "[]", "{}", 1, false, default);

        Assert.Null(await store.GetSourceMappingAsync(org, source, default));
    }

    private static string UniqueType() => "type-" + Guid.NewGuid().ToString("N")[..12];
}
