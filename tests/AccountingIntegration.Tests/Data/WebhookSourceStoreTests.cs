using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class WebhookSourceStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task CreateSourceAsync_ThenGetSource_RoundTripsEveryField(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new WebhookStore(database, clock);
        var org = await TestData.OrganizationAsync(database);

        var created = await store.CreateSourceAsync(org.OrganizationId, "Stripe — Zoë's café ☕", "stripe", "stripe", "v1:key1:AbC+/=", "data.object.id", true, default);
        var read = await store.GetSourceAsync(org.OrganizationId, created.SourceId, default);

        Assert.NotNull(read);
        Assert.Equal(created, read);
        Assert.Equal("Stripe — Zoë's café ☕", read.Name);
        Assert.Equal("v1:key1:AbC+/=", read.SigningSecret);
        Assert.Equal("data.object.id", read.EventIdPath);
        Assert.True(read.IsDefault);
        Assert.True(read.IsActive);
        Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, read.CreatedAt);
    }

    [Theory, BothDatabases]
    public async Task CreateSourceAsync_NullSecretAndPath_RoundTripsNulls(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new WebhookStore(database, TimeProvider.System);
        var org = await TestData.OrganizationAsync(database);

        var created = await store.CreateSourceAsync(org.OrganizationId, "Custom", "custom", "none", null, null, false, default);
        var read = await store.GetSourceAsync(org.OrganizationId, created.SourceId, default);

        Assert.Null(read!.SigningSecret);
        Assert.Null(read.EventIdPath);
        Assert.False(read.IsDefault);
        Assert.Equal("none", read.SignatureScheme);
    }

    [Theory, BothDatabases]
    public async Task CreateSourceAsync_NewDefault_ClearsTheOrganizationsPreviousDefaultOnly(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new WebhookStore(database, clock);
        var org = await TestData.OrganizationAsync(database);
        var otherOrg = await TestData.OrganizationAsync(database);
        var first = await store.CreateSourceAsync(org.OrganizationId, "First", "shopify", "shopify", null, null, true, default);
        var othersDefault = await store.CreateSourceAsync(otherOrg.OrganizationId, "Theirs", "shopify", "shopify", null, null, true, default);
        clock.Advance(TimeSpan.FromSeconds(1));

        var second = await store.CreateSourceAsync(org.OrganizationId, "Second", "stripe", "stripe", null, null, true, default);

        Assert.Equal(second.SourceId, (await store.GetDefaultSourceAsync(org.OrganizationId, default))!.SourceId);
        Assert.False((await store.GetSourceAsync(org.OrganizationId, first.SourceId, default))!.IsDefault);
        Assert.Equal(othersDefault.SourceId, (await store.GetDefaultSourceAsync(otherOrg.OrganizationId, default))!.SourceId);
        Assert.Single(await store.ListSourcesAsync(org.OrganizationId, default), s => s.IsDefault);
    }

    [Theory, BothDatabases]
    public async Task CreateAndUpdateSourceAsync_ConcurrentNewDefaults_LeaveExactlyOneDefault(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new WebhookStore(database, TimeProvider.System);

        // Several rounds: a single round of short transactions may not overlap.
        for (var round = 0; round < 4; round++)
        {
            var org = (await TestData.OrganizationAsync(database)).OrganizationId;
            var existing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TestData.SourceAsync(database, org)));
            var creates = Enumerable.Range(0, 8).Select(i =>
                Task.Run(() => store.CreateSourceAsync(org, $"new {i}", "shopify", "shopify", null, null, true, default)));
            var updates = existing.Select(s => Task.Run(() => store.UpdateSourceAsync(s with { IsDefault = true }, default)));

            await Task.WhenAll(creates.Cast<Task>().Concat(updates));

            Assert.Single(await store.ListSourcesAsync(org, default), s => s.IsDefault);
        }
    }

    [Theory, BothDatabases]
    public async Task UpdateSourceAsync_UnknownSourceMadeDefault_KeepsTheCurrentDefault(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new WebhookStore(database, TimeProvider.System);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var current = await TestData.SourceAsync(database, org, isDefault: true);

        Assert.False(await store.UpdateSourceAsync(current with { SourceId = Guid.NewGuid().ToString() }, default));

        Assert.Equal(current.SourceId, (await store.GetDefaultSourceAsync(org, default))!.SourceId);
    }

    [Theory, BothDatabases]
    public async Task UpdateSourceAsync_MakeDefault_ClearsOtherDefaultAndWritesFields(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new WebhookStore(database, clock);
        var org = await TestData.OrganizationAsync(database);
        var oldDefault = await store.CreateSourceAsync(org.OrganizationId, "Old", "shopify", "shopify", null, null, true, default);
        var source = await store.CreateSourceAsync(org.OrganizationId, "New", "custom", "none", null, null, false, default);
        clock.Advance(TimeSpan.FromMinutes(3));

        var changed = source with { Name = "Renamed", SignatureScheme = "hmac-sha256", SigningSecret = "v1:k:secret", EventIdPath = "id", IsDefault = true };
        Assert.True(await store.UpdateSourceAsync(changed, default));

        var read = await store.GetSourceAsync(org.OrganizationId, source.SourceId, default);
        Assert.Equal(changed with { UpdatedAt = source.CreatedAt.AddMinutes(3) }, read);
        Assert.False((await store.GetSourceAsync(org.OrganizationId, oldDefault.SourceId, default))!.IsDefault);
        Assert.Equal(source.SourceId, (await store.GetDefaultSourceAsync(org.OrganizationId, default))!.SourceId);
    }

    [Theory, BothDatabases]
    public async Task UpdateSourceAsync_AnotherOrganizationsSource_ReturnsFalseAndChangesNothing(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new WebhookStore(database, TimeProvider.System);
        var owner = await TestData.OrganizationAsync(database);
        var intruder = await TestData.OrganizationAsync(database);
        var source = await store.CreateSourceAsync(owner.OrganizationId, "Mine", "shopify", "shopify", null, null, false, default);

        Assert.False(await store.UpdateSourceAsync(source with { OrganizationId = intruder.OrganizationId, Name = "Stolen" }, default));

        Assert.Equal("Mine", (await store.GetSourceAsync(owner.OrganizationId, source.SourceId, default))!.Name);
        Assert.Null(await store.GetSourceAsync(intruder.OrganizationId, source.SourceId, default));
        Assert.Empty(await store.ListSourcesAsync(intruder.OrganizationId, default));
    }

    [Theory, BothDatabases]
    public async Task GetDefaultSourceAsync_DefaultDeactivated_ReturnsNull(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new WebhookStore(database, TimeProvider.System);
        var org = await TestData.OrganizationAsync(database);
        var source = await store.CreateSourceAsync(org.OrganizationId, "Only", "shopify", "shopify", null, null, true, default);

        Assert.True(await store.UpdateSourceAsync(source with { IsActive = false }, default));

        Assert.Null(await store.GetDefaultSourceAsync(org.OrganizationId, default));
    }
}
