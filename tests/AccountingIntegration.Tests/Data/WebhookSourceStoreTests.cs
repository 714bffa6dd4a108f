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
            var updates = existing.Select(s => Task.Run(() => store.ChangeSourceAsync(org, s.SourceId, current => Task.FromResult(current with { IsDefault = true }), default)));

            await Task.WhenAll(creates.Cast<Task>().Concat(updates));

            Assert.Single(await store.ListSourcesAsync(org, default), s => s.IsDefault);
        }
    }

    [Theory, BothDatabases]
    public async Task ChangeSourceAsync_UnknownSourceMadeDefault_KeepsTheCurrentDefault(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new WebhookStore(database, TimeProvider.System);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var current = await TestData.SourceAsync(database, org, isDefault: true);

        Assert.Null(await store.ChangeSourceAsync(org, Guid.NewGuid().ToString(), s => Task.FromResult(s with { IsDefault = true }), default));

        Assert.Equal(current.SourceId, (await store.GetDefaultSourceAsync(org, default))!.SourceId);
    }

    [Theory, BothDatabases]
    public async Task ChangeSourceAsync_MakeDefault_ClearsOtherDefaultAndWritesFields(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new WebhookStore(database, clock);
        var org = await TestData.OrganizationAsync(database);
        var oldDefault = await store.CreateSourceAsync(org.OrganizationId, "Old", "shopify", "shopify", null, null, true, default);
        var source = await store.CreateSourceAsync(org.OrganizationId, "New", "custom", "none", null, null, false, default);
        clock.Advance(TimeSpan.FromMinutes(3));

        var changed = source with { Name = "Renamed", SignatureScheme = "hmac-sha256", SigningSecret = "v1:k:secret", EventIdPath = "id", IsDefault = true };
        var change = await store.ChangeSourceAsync(org.OrganizationId, source.SourceId, _ => Task.FromResult(changed), default);

        var read = await store.GetSourceAsync(org.OrganizationId, source.SourceId, default);
        Assert.Equal(changed with { UpdatedAt = source.CreatedAt.AddMinutes(3), RowVersion = 1 }, read);
        Assert.Equal(change!.After, read);
        Assert.False((await store.GetSourceAsync(org.OrganizationId, oldDefault.SourceId, default))!.IsDefault);
        Assert.Equal(source.SourceId, (await store.GetDefaultSourceAsync(org.OrganizationId, default))!.SourceId);
    }

    [Theory, BothDatabases]
    public async Task ChangeSourceAsync_AnotherOrganizationsSource_ReturnsNullAndChangesNothing(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new WebhookStore(database, TimeProvider.System);
        var owner = await TestData.OrganizationAsync(database);
        var intruder = await TestData.OrganizationAsync(database);
        var source = await store.CreateSourceAsync(owner.OrganizationId, "Mine", "shopify", "shopify", null, null, false, default);

        Assert.Null(await store.ChangeSourceAsync(intruder.OrganizationId, source.SourceId, s => Task.FromResult(s with { Name = "Stolen" }), default));

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

        Assert.NotNull(await store.ChangeSourceAsync(org.OrganizationId, source.SourceId, s => Task.FromResult(s with { IsActive = false }), default));

        Assert.Null(await store.GetDefaultSourceAsync(org.OrganizationId, default));
    }

    /// <summary>
    /// A rename made on a source whose secret was rotated after it was read keeps the new secret: the rename is made
    /// again on the rotated row. The clock stands still, as two writes in one microsecond would.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ChangeSourceAsync_SecretRotatedSinceItWasRead_KeepsTheNewSecret(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new WebhookStore(database, TestClock.Create());
        var org = await TestData.OrganizationAsync(database);
        var source = await store.CreateSourceAsync(org.OrganizationId, "Billing", "generic", "hmac-sha256", "v1:k:old", null, false, default);
        var tries = 0;

        var change = await store.ChangeSourceAsync(org.OrganizationId, source.SourceId, async s =>
        {
            if (++tries == 1)
            {
                Assert.NotNull(await store.RotateSigningSecretAsync(org.OrganizationId, source.SourceId, "v1:k:new", TimeSpan.Zero, default));
            }

            return s with { Name = "Renamed" };
        }, default);

        var read = (await store.GetSourceAsync(org.OrganizationId, source.SourceId, default))!;
        Assert.Equal(2, tries);
        Assert.Equal(("Renamed", "v1:k:new"), (read.Name, read.SigningSecret));
        Assert.Equal(change!.After, read);
    }

    /// <summary>A source cleared of the default flag by another source's change has moved too: a change read before it is made again.</summary>
    [Theory, BothDatabases]
    public async Task ChangeSourceAsync_DefaultTakenSinceItWasRead_IsMadeAgainWithoutTheFlag(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new WebhookStore(database, TestClock.Create());
        var org = await TestData.OrganizationAsync(database);
        var first = await store.CreateSourceAsync(org.OrganizationId, "First", "shopify", "shopify", null, null, true, default);
        var tries = 0;

        await store.ChangeSourceAsync(org.OrganizationId, first.SourceId, async s =>
        {
            if (++tries == 1)
            {
                await store.CreateSourceAsync(org.OrganizationId, "Second", "shopify", "shopify", null, null, true, default);
            }

            return s with { Name = "Renamed" };
        }, default);

        Assert.Equal(2, tries);
        Assert.Single(await store.ListSourcesAsync(org.OrganizationId, default), s => s.IsDefault);
        Assert.False((await store.GetSourceAsync(org.OrganizationId, first.SourceId, default))!.IsDefault);
    }
}
