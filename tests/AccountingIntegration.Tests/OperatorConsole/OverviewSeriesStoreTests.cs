using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.OperatorConsole;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>The overview charts' store query on both databases: minutes, statuses, QBO latency and each organization's connection.</summary>
public sealed class OverviewSeriesStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Series_CountPayloadsByMinuteAndStatus_AndQboAttemptsByMinute(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var minute = OverviewSeriesStore.Truncate(clock.GetUtcNow().UtcDateTime).AddMinutes(1);
        await OverviewData.AddPayloadsAsync(database, "org-a", "succeeded", 1, minute.AddMinutes(-1)); // before the window
        await OverviewData.AddPayloadsAsync(database, "org-a", "succeeded", 3, minute.AddSeconds(5));
        await OverviewData.AddPayloadsAsync(database, "org-b", "failed", 1, minute.AddSeconds(59));
        await OverviewData.AddPayloadsAsync(database, "org-b", "queued", 2, minute.AddMinutes(2).AddSeconds(1));
        clock.SetUtcNow(minute.AddSeconds(10));
        await OverviewData.AddAttemptsAsync(database, clock, "org-a", "succeeded", 100, 300, 200);
        clock.SetUtcNow(minute.AddMinutes(2).AddSeconds(30));
        await OverviewData.AddAttemptsAsync(database, clock, "org-b", "retrying", 1_000);
        var store = new OverviewSeriesStore(database);

        var payloads = await store.PayloadsPerMinuteAsync(minute, default);
        var qbo = await store.QboPerMinuteAsync(minute, default);

        Assert.Equal([minute, minute.AddMinutes(2)], payloads.Select(p => p.Minute));
        Assert.Equal(3, payloads[0].ByStatus["succeeded"]);
        Assert.Equal(1, payloads[0].ByStatus["failed"]);
        Assert.Equal(2, payloads[1].ByStatus["queued"]);
        Assert.Single(payloads[1].ByStatus);
        Assert.Equal(
            [new QboMinute(minute, 3, 200, 300, 3), new QboMinute(minute.AddMinutes(2), 1, 1_000, 1_000, 0)],
            qbo);
    }

    [Theory, BothDatabases]
    public async Task CurrentConnections_PickTheLatestNotRevokedPerOrganization(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var tokens = new OAuthTokenStore(database, clock);
        var expires = clock.GetUtcNow().UtcDateTime.AddDays(100);
        await tokens.SaveConnectionAsync("org-c", "realm-1", "a", "r", expires, expires, "Old Co", default);
        clock.Advance(TimeSpan.FromMinutes(1));
        var broken = await tokens.SaveConnectionAsync("org-c", "realm-2", "a", "r", expires, expires, "New Co", default);
        await tokens.MarkStatusAsync(broken.TokenId, ConnectionStatus.RefreshFailed, "invalid_grant", default);
        var revoked = await tokens.SaveConnectionAsync("org-d", "realm-3", "a", "r", expires, expires, "Gone Co", default);
        await tokens.MarkStatusAsync(revoked.TokenId, ConnectionStatus.Revoked, null, default);

        var current = await new OverviewSeriesStore(database).CurrentConnectionsAsync(default);

        Assert.Equal("realm-2", current["org-c"].RealmId);
        Assert.Equal(ConnectionStatus.RefreshFailed, current["org-c"].SyncStatus);
        Assert.Equal((await tokens.GetActiveConnectionAsync("org-c", default))!.TokenId, current["org-c"].TokenId);
        Assert.False(current.ContainsKey("org-d"));
        Assert.NotNull(OverviewFigures.Attention(current["org-c"], clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(30)));
    }
}
