using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class ApiKeyStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task CreateAsync_ThenGet_RoundTripsEveryField(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ApiKeyStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var source = (await TestData.SourceAsync(database, org)).SourceId;
        var hash = TestData.Hash();
        var expires = clock.GetUtcNow().UtcDateTime.AddDays(90);

        var created = await store.CreateAsync(org, source, "Shopify prod — ☕", "aik_live_ab12", hash, expires, default);
        var read = await store.GetAsync(org, created.KeyId, default);

        Assert.Equal(created, read);
        Assert.Equal(source, read!.SourceId);
        Assert.Equal("Shopify prod — ☕", read.Name);
        Assert.Equal("aik_live_ab12", read.KeyPrefix);
        Assert.Equal(hash, read.KeyHash);
        Assert.Equal(expires, read.ExpiresAt);
        Assert.Equal(DateTimeKind.Utc, read.ExpiresAt!.Value.Kind);
        Assert.True(read.IsActive);
        Assert.Null(read.LastUsedAt);
        Assert.Null(read.RevokedAt);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, read.CreatedAt);
    }

    [Theory, BothDatabases]
    public async Task CreateAsync_DuplicateHash_ThrowsDuplicateKey(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new ApiKeyStore(database, TestClock.Create());
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var hash = TestData.Hash();
        await store.CreateAsync(org, null, "one", "aik_1", hash, null, default);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => store.CreateAsync(org, null, "two", "aik_2", hash, null, default));
    }

    [Theory, BothDatabases]
    public async Task FindActiveByHashAsync_OnlyActiveUnrevokedUnexpiredKeys(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ApiKeyStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var now = clock.GetUtcNow().UtcDateTime;
        var forever = await store.CreateAsync(org, null, "forever", "aik_f", TestData.Hash(), null, default);
        var expiring = await store.CreateAsync(org, null, "expiring", "aik_e", TestData.Hash(), now.AddTicks(10), default);
        var revoked = await store.CreateAsync(org, null, "revoked", "aik_r", TestData.Hash(), null, default);
        Assert.True(await store.RevokeAsync(org, revoked.KeyId, now, default));

        Assert.Equal(forever.KeyId, (await store.FindActiveByHashAsync(forever.KeyHash, now, default))!.KeyId);
        Assert.NotNull(await store.FindActiveByHashAsync(expiring.KeyHash, now, default));
        Assert.Null(await store.FindActiveByHashAsync(expiring.KeyHash, now.AddTicks(10), default));
        Assert.Null(await store.FindActiveByHashAsync(revoked.KeyHash, now, default));
        Assert.Null(await store.FindActiveByHashAsync(TestData.Hash(), now, default));
    }

    [Theory, BothDatabases]
    public async Task RevokeAsync_SetsRevokedAtOnce_AnotherOrganizationCannot(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ApiKeyStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var intruder = (await TestData.OrganizationAsync(database)).OrganizationId;
        var key = await store.CreateAsync(org, null, "k", "aik_k", TestData.Hash(), null, default);
        var now = clock.GetUtcNow().UtcDateTime;

        Assert.False(await store.RevokeAsync(intruder, key.KeyId, now, default));
        Assert.Null(await store.GetAsync(intruder, key.KeyId, default));
        Assert.True(await store.RevokeAsync(org, key.KeyId, now, default));
        Assert.False(await store.RevokeAsync(org, key.KeyId, now.AddDays(1), default));

        var read = await store.GetAsync(org, key.KeyId, default);
        Assert.False(read!.IsActive);
        Assert.Equal(now, read.RevokedAt);
    }

    [Theory, BothDatabases]
    public async Task ListAsync_NewestFirstAndOnlyTheOrganizations(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ApiKeyStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var other = (await TestData.OrganizationAsync(database)).OrganizationId;
        var first = await store.CreateAsync(org, null, "first", "aik_1", TestData.Hash(), null, default);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await store.CreateAsync(org, null, "second", "aik_2", TestData.Hash(), null, default);
        await store.CreateAsync(other, null, "theirs", "aik_3", TestData.Hash(), null, default);

        Assert.Equal([second.KeyId, first.KeyId], (await store.ListAsync(org, default)).Select(k => k.KeyId));
    }

    [Theory, BothDatabases]
    public async Task TouchLastUsedAsync_MovesForwardOnly(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ApiKeyStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var key = await store.CreateAsync(org, null, "k", "aik_k", TestData.Hash(), null, default);
        var now = clock.GetUtcNow().UtcDateTime;

        Assert.True(await store.TouchLastUsedAsync(key.KeyId, now.AddMinutes(5), default));
        Assert.False(await store.TouchLastUsedAsync(key.KeyId, now.AddMinutes(1), default));

        Assert.Equal(now.AddMinutes(5), (await store.GetAsync(org, key.KeyId, default))!.LastUsedAt);
    }
}
