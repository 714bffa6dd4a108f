using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class ConnectTokenStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task CreateAsync_ThenGetByHash_RoundTripsEveryField(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ConnectTokenStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var hash = TestData.Hash();
        var expires = clock.GetUtcNow().UtcDateTime.AddDays(7);

        var created = await store.CreateAsync(org, hash, expires, "admin@example.com", default);
        var read = await store.GetByHashAsync(hash, default);

        Assert.Equal(created, read);
        Assert.Equal(expires, read!.ExpiresAt);
        Assert.Equal(DateTimeKind.Utc, read.ExpiresAt.Kind);
        Assert.Null(read.UsedAt);
        Assert.True(read.IsActive);
        Assert.Equal("admin@example.com", read.CreatedBy);
        Assert.Null(await store.GetByHashAsync(TestData.Hash(), default));
    }

    [Theory, BothDatabases]
    public async Task CreateAsync_DuplicateHash_ThrowsDuplicateKey(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new ConnectTokenStore(database, TestClock.Create());
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var hash = TestData.Hash();
        await store.CreateAsync(org, hash, DateTime.UtcNow.AddDays(1), null, default);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => store.CreateAsync(org, hash, DateTime.UtcNow.AddDays(1), null, default));
    }

    [Theory, BothDatabases]
    public async Task TryMarkUsedAsync_ConcurrentRedemptions_ExactlyOneSucceeds(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ConnectTokenStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await store.CreateAsync(org, TestData.Hash(), now.AddDays(7), null, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => store.TryMarkUsedAsync(token.TokenId, now, default))));

        Assert.Single(results, r => r);
        Assert.Equal(now, (await store.GetByHashAsync(token.TokenHash, default))!.UsedAt);
    }

    [Theory, BothDatabases]
    public async Task TryMarkUsedAsync_ExpiredOrRevokedToken_ReturnsFalse(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ConnectTokenStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await store.CreateAsync(org, TestData.Hash(), now, null, default);
        var revoked = await store.CreateAsync(org, TestData.Hash(), now.AddDays(1), null, default);
        var alive = await store.CreateAsync(org, TestData.Hash(), now.AddTicks(10), null, default);
        Assert.True(await store.RevokeAsync(org, revoked.TokenId, default));

        Assert.False(await store.TryMarkUsedAsync(expired.TokenId, now, default));
        Assert.False(await store.TryMarkUsedAsync(revoked.TokenId, now, default));
        Assert.True(await store.TryMarkUsedAsync(alive.TokenId, now, default));
        Assert.False(await store.RevokeAsync(org, revoked.TokenId, default));
    }

    [Theory, BothDatabases]
    public async Task ListAndRevokeAsync_AnotherOrganization_SeesNothingAndCannotRevoke(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new ConnectTokenStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var intruder = (await TestData.OrganizationAsync(database)).OrganizationId;
        var first = await store.CreateAsync(org, TestData.Hash(), DateTime.UtcNow.AddDays(1), null, default);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await store.CreateAsync(org, TestData.Hash(), DateTime.UtcNow.AddDays(1), null, default);

        Assert.Equal([second.TokenId, first.TokenId], (await store.ListAsync(org, default)).Select(t => t.TokenId));
        Assert.Empty(await store.ListAsync(intruder, default));
        Assert.False(await store.RevokeAsync(intruder, first.TokenId, default));
        Assert.True((await store.GetByHashAsync(first.TokenHash, default))!.IsActive);
    }
}
