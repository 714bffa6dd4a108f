using AccountingIntegration.Features.Connections;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

public sealed class OAuthTokenStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task SaveConnectionAsync_NewRealm_RoundTripsEveryField(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new OAuthTokenStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var now = clock.GetUtcNow().UtcDateTime;
        var access = "v1:k1:" + new string('A', 1500);

        var saved = await store.SaveConnectionAsync(org, "9130350000000001", access, "v1:k1:refresh", now.AddHours(1), now.AddDays(100), "Zoë's Café ☕", default);
        var read = await store.GetConnectionAsync(org, "9130350000000001", default);

        Assert.Equal(saved, read);
        Assert.Equal(access, read!.AccessToken);
        Assert.Equal("v1:k1:refresh", read.RefreshToken);
        Assert.Equal(now.AddHours(1), read.AccessExpiresAt);
        Assert.Equal(now.AddDays(100), read.RefreshExpiresAt);
        Assert.Equal(DateTimeKind.Utc, read.RefreshExpiresAt.Kind);
        Assert.Equal(ConnectionStatus.Connected, read.SyncStatus);
        Assert.Equal("Zoë's Café ☕", read.CompanyName);
        Assert.Equal(1, read.Version);
        Assert.Null(read.LastError);
        Assert.Equal(now, read.CreatedAt);
    }

    [Theory, BothDatabases]
    public async Task SaveConnectionAsync_Reconnect_ReplacesTokensClearsErrorAndBumpsVersion(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new OAuthTokenStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var now = clock.GetUtcNow().UtcDateTime;
        var first = await store.SaveConnectionAsync(org, "realm-1", "a1", "r1", now.AddHours(1), now.AddDays(100), "Acme", default);
        await store.MarkStatusAsync(first.TokenId, ConnectionStatus.RefreshFailed, "invalid_grant", default);
        clock.Advance(TimeSpan.FromDays(1));

        var again = await store.SaveConnectionAsync(org, "realm-1", "a2", "r2", now.AddDays(1).AddHours(1), now.AddDays(101), null, default);

        Assert.Equal(first.TokenId, again.TokenId);
        Assert.Equal("a2", again.AccessToken);
        Assert.Equal("r2", again.RefreshToken);
        Assert.Equal(ConnectionStatus.Connected, again.SyncStatus);
        Assert.Null(again.LastError);
        Assert.Equal("Acme", again.CompanyName);
        Assert.Equal(3, again.Version);
        Assert.Equal(first.CreatedAt, again.CreatedAt);
        Assert.Equal(now.AddDays(1), again.UpdatedAt);
    }

    [Theory, BothDatabases]
    public async Task ConnectionInUse_DecidesWhetherAnOrganizationIsConnectedOrMustReconnect(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new OAuthTokenStore(database, clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var lost = (await TestData.OrganizationAsync(database)).OrganizationId;
        var moved = (await TestData.OrganizationAsync(database)).OrganizationId;
        var revoked = (await TestData.OrganizationAsync(database)).OrganizationId;
        var lostConnection = await store.SaveConnectionAsync(lost, "realm-lost", "a", "r", now.AddHours(1), now.AddDays(100), null, default);
        await store.MarkStatusAsync(lostConnection.TokenId, ConnectionStatus.RefreshFailed, "invalid_grant", default);
        // The second organization's first company was lost, then it connected another: the newer one is in use.
        var old = await store.SaveConnectionAsync(moved, "realm-old", "a", "r", now.AddHours(1), now.AddDays(100), null, default);
        await store.MarkStatusAsync(old.TokenId, ConnectionStatus.RefreshFailed, "invalid_grant", default);
        clock.Advance(TimeSpan.FromMinutes(1));
        await store.SaveConnectionAsync(moved, "realm-new", "a", "r", now.AddHours(1), now.AddDays(100), null, default);
        // The third disconnected: revoked is neither.
        var gone = await store.SaveConnectionAsync(revoked, "realm-gone", "a", "r", now.AddHours(1), now.AddDays(100), null, default);
        await store.MarkStatusAsync(gone.TokenId, ConnectionStatus.Revoked, "Disconnected by the organization.", default);

        var mustReconnect = (await store.ListNeedingReconnectAsync(default)).Where(c => c.OrganizationId == lost || c.OrganizationId == moved || c.OrganizationId == revoked);
        var connected = (await store.ListConnectedOrganizationsAsync(default)).Where(o => o == lost || o == moved || o == revoked);

        var only = Assert.Single(mustReconnect);
        Assert.Equal((lost, "realm-lost", "invalid_grant"), (only.OrganizationId, only.RealmId, only.LastError));
        Assert.Equal([moved], connected);
    }

    [Theory, BothDatabases]
    public async Task SaveConnectionAsync_ConcurrentFirstConnects_LeaveOneRow(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new OAuthTokenStore(database, TestClock.Create());
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var at = DateTime.UtcNow;

        var saved = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => store.SaveConnectionAsync(org, "realm-race", $"a{i}", $"r{i}", at, at, null, default))));

        Assert.Single(saved.Select(s => s.TokenId).Distinct());
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT COUNT(*) FROM oauth_tokens WHERE organization_id = @Org", new { Org = org }));
        Assert.Equal(6, (await store.GetConnectionAsync(org, "realm-race", default))!.Version);
    }

    [Theory, BothDatabases]
    public async Task TryUpdateTokensAsync_TwoRefreshesWithTheSameVersion_ExactlyOneWins(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new OAuthTokenStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var now = clock.GetUtcNow().UtcDateTime;
        var saved = await store.SaveConnectionAsync(org, "realm-2", "a1", "r1", now, now.AddDays(100), null, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => store.TryUpdateTokensAsync(saved.TokenId, saved.Version, $"a{i}", $"r{i}", now.AddHours(1), now.AddDays(101), default))));

        Assert.Single(results, r => r);
        var read = await store.GetConnectionAsync(org, "realm-2", default);
        Assert.Equal(saved.Version + 1, read!.Version);
        var winner = Array.IndexOf(results, true);
        Assert.Equal($"a{winner}", read.AccessToken);
        Assert.Equal($"r{winner}", read.RefreshToken);
        Assert.Equal(now.AddHours(1), read.AccessExpiresAt);
        Assert.False(await store.TryUpdateTokensAsync(saved.TokenId, saved.Version, "late", "late", now, now, default));
    }

    [Theory, BothDatabases]
    public async Task MarkStatusAsync_Revoked_HidesFromActiveAndBeatsAnInFlightRefresh(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new OAuthTokenStore(database, clock);
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var now = clock.GetUtcNow().UtcDateTime;
        var older = await store.SaveConnectionAsync(org, "realm-old", "a", "r", now, now.AddDays(1), null, default);
        clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await store.SaveConnectionAsync(org, "realm-new", "a", "r", now, now.AddDays(1), null, default);
        Assert.Equal(newer.TokenId, (await store.GetActiveConnectionAsync(org, default))!.TokenId);

        Assert.True(await store.MarkStatusAsync(newer.TokenId, ConnectionStatus.Revoked, "disconnected by user", default));

        Assert.Equal(older.TokenId, (await store.GetActiveConnectionAsync(org, default))!.TokenId);
        Assert.False(await store.TryUpdateTokensAsync(newer.TokenId, newer.Version, "a2", "r2", now, now, default));
        var revoked = await store.GetConnectionAsync(org, "realm-new", default);
        Assert.Equal(ConnectionStatus.Revoked, revoked!.SyncStatus);
        Assert.Equal("disconnected by user", revoked.LastError);
        await Assert.ThrowsAsync<ArgumentException>(() => store.MarkStatusAsync(newer.TokenId, "bogus", null, default));
        Assert.False(await store.MarkStatusAsync(Guid.NewGuid().ToString(), ConnectionStatus.Revoked, null, default));
    }

    [Theory, BothDatabases]
    public async Task GetActiveConnectionAsync_OtherOrganization_ReturnsNull(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var store = new OAuthTokenStore(database, TestClock.Create());
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var intruder = (await TestData.OrganizationAsync(database)).OrganizationId;
        await store.SaveConnectionAsync(org, "realm-3", "a", "r", DateTime.UtcNow, DateTime.UtcNow, null, default);

        Assert.Null(await store.GetActiveConnectionAsync(intruder, default));
        Assert.Null(await store.GetConnectionAsync(intruder, "realm-3", default));
    }

    [Theory, BothDatabases]
    public async Task ListRefreshDueAsync_ReturnsConnectedRowsExpiringBeforeTheInstantSoonestFirst(DatabaseKind kind)
    {
        // A far-past window of its own, so rows of other tests in this class never fall inside it.
        var database = (await databases.GetAsync(kind)).Database;
        var store = new OAuthTokenStore(database, TestClock.Create());
        var org = (await TestData.OrganizationAsync(database)).OrganizationId;
        var baseTime = new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(Random.Shared.Next(0, 3000));
        var later = await store.SaveConnectionAsync(org, "due-2", "a", "r", baseTime, baseTime.AddHours(2), null, default);
        var sooner = await store.SaveConnectionAsync(org, "due-1", "a", "r", baseTime, baseTime.AddHours(1), null, default);
        var failed = await store.SaveConnectionAsync(org, "due-3", "a", "r", baseTime, baseTime.AddMinutes(30), null, default);
        await store.MarkStatusAsync(failed.TokenId, ConnectionStatus.RefreshFailed, null, default);
        await store.SaveConnectionAsync(org, "not-due", "a", "r", baseTime, baseTime.AddHours(5), null, default);

        var due = await store.ListRefreshDueAsync(baseTime.AddHours(3), 10, default);
        var firstOnly = await store.ListRefreshDueAsync(baseTime.AddHours(3), 1, default);

        Assert.Equal([sooner.TokenId, later.TokenId], due.Where(c => c.OrganizationId == org).Select(c => c.TokenId));
        Assert.Single(firstOnly);
    }

    [Theory, BothDatabases]
    public async Task ListByStatusCountsAsync_CountsEachStatus(DatabaseKind kind)
    {
        await using var fresh = await TestDatabase.CreateAsync(kind);
        var store = new OAuthTokenStore(fresh.Database, TestClock.Create());
        var org = (await TestData.OrganizationAsync(fresh.Database)).OrganizationId;
        var at = DateTime.UtcNow;
        await store.SaveConnectionAsync(org, "c1", "a", "r", at, at, null, default);
        await store.SaveConnectionAsync(org, "c2", "a", "r", at, at, null, default);
        var revoked = await store.SaveConnectionAsync(org, "c3", "a", "r", at, at, null, default);
        await store.MarkStatusAsync(revoked.TokenId, ConnectionStatus.Revoked, null, default);

        var counts = await store.ListByStatusCountsAsync(default);

        Assert.Equal(2, counts[ConnectionStatus.Connected]);
        Assert.Equal(1, counts[ConnectionStatus.Revoked]);
        Assert.False(counts.ContainsKey(ConnectionStatus.RefreshFailed));
    }
}
