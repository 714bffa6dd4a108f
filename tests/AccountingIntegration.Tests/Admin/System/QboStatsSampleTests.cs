using AccountingIntegration.Features.Admin.System;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin.System;

/// <summary>The dashboard's QBO figures read the window's latest attempts only, however many the window holds.</summary>
public sealed class QboStatsSampleTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task QboFigures_FromTheLatestAttempts_MarkedSampledWhenTheWindowHoldsMore(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var from = clock.GetUtcNow().UtcDateTime;
        var store = new SyncLogStore(database, clock);
        var stats = new SystemStatsStore(database);
        // Older attempts: slow and failing. The latest sample: 9,000 fast calls, 1,000 of them slow, and a few refusals.
        await InsertAsync(store, database, clock, 20, durationMs: 5_000, errorCode: "6000");
        Assert.False((await stats.QboAsync(from, default)).Sampled);
        await InsertAsync(store, database, clock, SystemStatsStore.QboSample - 1_005, durationMs: 100, errorCode: null);
        await InsertAsync(store, database, clock, 1_000, durationMs: 900, errorCode: null);
        await InsertAsync(store, database, clock, 5, durationMs: 300, errorCode: "6140");

        var qbo = await stats.QboAsync(from, default);

        Assert.True(qbo.Sampled);
        Assert.Equal(SystemStatsStore.QboSample, qbo.Calls);
        Assert.Equal(900, qbo.P95LatencyMs);
        Assert.Equal(Math.Round((8_995 * 100 + 1_000 * 900 + 5 * 300) / 10_000.0, 1), qbo.AvgLatencyMs);
        Assert.Equal([new ErrorCount("6140", 5)], qbo.Errors);
    }

    private static async Task InsertAsync(SyncLogStore store, Infrastructure.Data.Database database, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, int count,
        int durationMs, string? errorCode)
    {
        await using var transaction = await database.BeginTransactionAsync(default);
        for (var i = 0; i < count; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await store.InsertAsync(new NewSyncLog
            {
                OrganizationId = "org-sample",
                PayloadId = $"p-{clock.GetUtcNow().ToUnixTimeMilliseconds()}",
                SourceId = "source-1",
                Status = errorCode is null ? PayloadStatus.Succeeded : PayloadStatus.Failed,
                Attempt = 1,
                QboRequestId = "req",
                ErrorCode = errorCode,
                DurationMs = durationMs,
            }, transaction, default);
        }

        await transaction.CommitAsync(default);
    }
}
