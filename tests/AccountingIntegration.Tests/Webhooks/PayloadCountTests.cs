using AccountingIntegration.Features.Admin.System;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Telemetry;
using AccountingIntegration.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// The dashboard's payload figures and the queue gauges come from payload_counts plus the uncounted tail. Whatever
/// happens to the payloads (claims, successes, failures, retries, parking, replays, drift, retention, an import into
/// the counted past) they must give the very numbers the old queries over the archive and the queue gave.
/// </summary>
public sealed class PayloadCountTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>The old dashboard queries, over every payload row: the figures the counters must reproduce.</summary>
    private const string ArchiveByStatusSql =
        "SELECT status AS Status, COUNT(*) AS Count FROM webhook_payloads WHERE received_at >= @From GROUP BY status";

    private const string ArchiveByOrganizationSql = """
        SELECT organization_id AS OrganizationId,
               COUNT(CASE WHEN status = 'succeeded' THEN 1 END) AS Succeeded,
               COUNT(CASE WHEN status = 'failed' THEN 1 END) AS Failed,
               COUNT(CASE WHEN status = 'dead' THEN 1 END) AS Dead
        FROM webhook_payloads WHERE received_at >= @From GROUP BY organization_id ORDER BY organization_id
        """;

    private const string QueueByStatusSql = "SELECT status AS Status, COUNT(*) AS Count FROM webhook_queue GROUP BY status";

    [Theory, BothDatabases]
    public async Task Figures_ThroughClaimsOutcomesRetriesParkingReplaysAndDrift_EqualTheArchiveQueries(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind);
        await world.ReceiveAsync(count: 40, every: TimeSpan.FromMinutes(9));
        await world.AssertFiguresAsync("before any counting");

        await world.Rollup.CatchUpAsync(default);
        await world.AssertFiguresAsync("after the first round");

        await world.WorkAsync(claim: 25);
        await world.AssertFiguresAsync("after outcomes of counted payloads");

        await world.ReceiveAsync(count: 12, every: TimeSpan.FromMinutes(1));
        await world.WorkAsync(claim: 30);
        await world.AssertFiguresAsync("with uncounted payloads changing status");

        await world.Rollup.CatchUpAsync(default);
        await world.AssertFiguresAsync("after the second round");

        await world.ReplayAndWakeAsync();
        await world.AssertFiguresAsync("after replays, a drift and waking the parked payloads");

        world.Clock.Advance(TimeSpan.FromMinutes(17));
        await world.Rollup.CatchUpAsync(default);
        await world.WorkAsync(claim: 100);
        await world.Rollup.PruneAsync(default);
        await world.AssertFiguresAsync("after a third round and a prune");
        Assert.Equal(0, await Sql.CountAsync(world.Database,
            "SELECT COUNT(*) FROM payload_counts WHERE payloads = 0 AND status IN ('queued', 'retrying', 'processing', 'waiting_connection', 'waiting_dependency')"));
    }

    [Theory, BothDatabases]
    public async Task Figures_CountedInStepsOfAFewPayloads_EqualTheArchiveQueries_AndEqualReceivedTimesStayInOneStep(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind, stepPayloads: 4);
        await world.ReceiveAsync(count: 30, every: TimeSpan.FromMinutes(1));
        // More payloads with one received time than a step takes: they are counted together, never split or skipped.
        await world.ReceiveAsync(count: 9, every: TimeSpan.Zero);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        await world.ReceiveAsync(count: 14, every: TimeSpan.FromSeconds(20));
        world.Clock.Advance(PayloadCountRollup.Grace);

        var first = await world.Rollup.StepAsync(default);
        var steps = 1 + await world.Rollup.CatchUpAsync(default);

        Assert.True(first is { More: true, Bounded: true }, $"{first}");
        Assert.True(steps >= ((30 + 14) / 4) + 1, $"{steps} steps");
        await world.AssertFiguresAsync("after a round of small steps");
        await world.WorkAsync(claim: 20);
        await world.AssertFiguresAsync("after outcomes of payloads counted in small steps");
    }

    [Theory, BothDatabases]
    public async Task Figures_AfterRetentionDeletesTheOldestPayloads_EqualTheArchiveQueries(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind);
        await world.ReceiveAsync(count: 60, every: TimeSpan.FromMinutes(13));
        await world.WorkAsync(claim: 45);
        await world.Rollup.CatchUpAsync(default);
        var cutoff = world.FirstReceivedAt.AddMinutes(200);

        if (kind == DatabaseKind.Sqlite)
        {
            var retention = new RetentionOptions { PayloadDays = 1 };
            world.Clock.SetUtcNow(cutoff.AddDays(1));
            await Partitions.Maintenance(world.Database, world.Clock, retention).RunAsync();
        }
        else
        {
            // MariaDB drops whole months; the rows of a dropped partition are gone as if deleted like this.
            world.Clock.SetUtcNow(cutoff.AddDays(1));
            await Sql.ScalarAsync<long>(world.Database, "DELETE FROM webhook_payloads WHERE received_at < @Cutoff", new { Cutoff = cutoff });
        }

        await new PayloadCountRetention(world.Rollup).RunAsync(default);

        Assert.True(await Sql.CountAsync(world.Database, "SELECT COUNT(*) FROM webhook_payloads") < 60);
        await world.AssertWindowsAsync("after retention", TimeSpan.FromDays(2), TimeSpan.FromDays(30));
        Assert.Equal(await world.ArchiveLiveAsync(), await new PayloadCountReader(world.Database).LiveByStatusAsync(default));
    }

    [Theory, BothDatabases]
    public async Task Figures_AfterRowsWrittenIntoTheCountedPast_AreCountedAgainByTheNextRound(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind);
        await world.ReceiveAsync(count: 20, every: TimeSpan.FromMinutes(10));
        await world.Rollup.CatchUpAsync(default);
        var past = world.FirstReceivedAt.AddMinutes(35);

        await using (var transaction = await world.Database.BeginTransactionAsync(default))
        {
            await transaction.Connection.ExecuteAsync("""
                INSERT INTO webhook_payloads (payload_id, received_at, organization_id, source_id, raw_payload, status, attempts, processed, updated_at)
                VALUES (@Id, @At, @Org, @Org, '{}', 'succeeded', 1, 1, @At)
                """, new { Id = Guid.NewGuid().ToString(), At = past, Org = world.Organizations[0] }, transaction.Transaction);
            await PayloadCountRollup.RecountFromAsync(transaction, world.Database.Dialect, past, default);
            await transaction.CommitAsync(default);
        }

        await world.AssertFiguresAsync("before the next round");
        await world.Rollup.CatchUpAsync(default);
        await world.AssertFiguresAsync("after the next round");
    }

    [Theory, BothDatabases]
    public async Task StatsQueries_AtABacklog_ReadCountersAndOnlyBoundedReceivedRangesOfTheArchive(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind);
        await world.ReceiveAsync(count: 300, every: TimeSpan.FromMinutes(2));
        await world.Rollup.CatchUpAsync(default);
        await QueryPlans.AnalyzeAsync(world.Database, "webhook_payloads", "webhook_queue", "payload_counts");
        var window = new DynamicParameters(PayloadCountReader.Window(world.Clock.GetUtcNow().UtcDateTime.AddMinutes(-437)));
        window.AddDynamicParams(new { PayloadStatus.Succeeded, PayloadStatus.Failed, PayloadStatus.Dead, Live = PayloadCountReader.LiveStatuses });

        var plans = new[]
        {
            await QueryPlans.ExplainAsync(world.Database, PayloadCountReader.ByStatusSinceSql, window),
            await QueryPlans.ExplainAsync(world.Database, SystemStatsStore.SuccessByOrganizationSql, window),
            await QueryPlans.ExplainAsync(world.Database, PayloadCountReader.LiveByStatusSql, window),
        };

        foreach (var plan in plans)
        {
            var archiveSteps = plan.Split('\n').Where(s => s.Contains("webhook_payloads", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(archiveSteps);
            if (kind == DatabaseKind.Sqlite)
            {
                // Every read of the archive is a range after a received time (of the received_at index, or of one status's
                // part of the status index), read alone; no step scans it.
                Assert.All(archiveSteps, s => Assert.True(
                    s.Contains("SEARCH webhook_payloads USING COVERING INDEX ix_webhook_payloads_", StringComparison.Ordinal) &&
                    s.Contains("received_at>", StringComparison.Ordinal), plan));
            }
            else
            {
                Assert.All(archiveSteps, s => Assert.True(
                    s.Contains("type=range key=ix_webhook_payloads_", StringComparison.Ordinal) && s.Contains("Using index", StringComparison.Ordinal), plan));
            }
        }
    }

    /// <summary>A fresh database with two organizations, the service's stores on a fake clock, and the figures to compare.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly TestDatabase _database;
        private readonly ServiceProvider _metrics = new ServiceCollection().AddServiceMetrics().BuildServiceProvider();
        private int _worked;

        private World(TestDatabase database, FakeTimeProvider clock, string[] organizations, string[] sources, int stepPayloads)
        {
            _database = database;
            Clock = clock;
            Organizations = organizations;
            Sources = sources;
            Store = new WebhookStore(database.Database, clock);
            Queue = new WebhookQueueStore(database.Database, new DeadlockRetry(_metrics.GetRequiredService<ServiceMetrics>()), clock);
            Rollup = new PayloadCountRollup(database.Database, clock, stepPayloads);
            FirstReceivedAt = clock.GetUtcNow().UtcDateTime;
        }

        public Database Database => _database.Database;

        public FakeTimeProvider Clock { get; }

        public string[] Organizations { get; }

        public string[] Sources { get; }

        public WebhookStore Store { get; }

        public WebhookQueueStore Queue { get; }

        public PayloadCountRollup Rollup { get; }

        public DateTime FirstReceivedAt { get; }

        public static async Task<World> StartAsync(DatabaseKind kind, int stepPayloads = PayloadCountRollup.StepPayloads)
        {
            var database = await TestDatabase.CreateAsync(kind);
            var clock = TestClock.Create();
            var organizations = new string[2];
            var sources = new string[2];
            for (var i = 0; i < 2; i++)
            {
                organizations[i] = (await TestData.OrganizationAsync(database.Database)).OrganizationId;
                sources[i] = (await TestData.SourceAsync(database.Database, organizations[i])).SourceId;
            }

            return new World(database, clock, organizations, sources, stepPayloads);
        }

        /// <summary>Payloads through the service's own write path, alternating organizations, one every <paramref name="every"/>.</summary>
        public async Task ReceiveAsync(int count, TimeSpan every)
        {
            for (var i = 0; i < count; i++)
            {
                var org = i % 3 == 0 ? 1 : 0;
                await Store.CreatePayloadAsync(new NewPayload { OrganizationId = Organizations[org], SourceId = Sources[org], RawPayload = "{\"n\":" + i + "}" }, default);
                Clock.Advance(every);
            }
        }

        /// <summary>Claims due payloads and gives each an outcome in turn: success, retry, failure, death, parking for a connection or a sale.</summary>
        public async Task WorkAsync(int claim)
        {
            var claims = await Queue.ClaimDueAsync("worker", claim, Lease, default);
            foreach (var c in claims)
            {
                await using var transaction = await Store.BeginOutcomeAsync(default);
                var now = Clock.GetUtcNow().UtcDateTime;
                _ = (_worked++ % 7) switch
                {
                    0 or 1 => await Store.MarkProcessedAsync(transaction, c.PayloadId, "inv-" + _worked, default),
                    2 => await Store.MarkOutcomeAsync(transaction, c.PayloadId, PayloadStatus.Retrying, "503", now.AddMinutes(1), default),
                    3 => await Store.MarkOutcomeAsync(transaction, c.PayloadId, PayloadStatus.Failed, "400", null, default),
                    4 => await Store.MarkOutcomeAsync(transaction, c.PayloadId, PayloadStatus.Dead, "gave up", null, default),
                    5 => await Store.MarkOutcomeAsync(transaction, c.PayloadId, PayloadStatus.WaitingConnection, null, now.AddDays(1), default),
                    _ => await Store.MarkOutcomeAsync(transaction, c.PayloadId, PayloadStatus.WaitingDependency, null, now.AddMinutes(30), default),
                };
                await transaction.CommitAsync(default);
            }

            Clock.Advance(TimeSpan.FromMinutes(2));
        }

        /// <summary>Replays a failed, a dead and a succeeded payload, drifts a succeeded one, and wakes every parked one of the first organization.</summary>
        public async Task ReplayAndWakeAsync()
        {
            foreach (var status in new[] { PayloadStatus.Failed, PayloadStatus.Dead, PayloadStatus.Succeeded })
            {
                var id = await FirstWithAsync(status);
                Assert.True(await Store.RequeueForReplayAsync(id, _ => Task.CompletedTask, default));
            }

            await using (var transaction = await Store.BeginOutcomeAsync(default))
            {
                Assert.True(await Store.MarkDriftedAsync(transaction, await FirstWithAsync(PayloadStatus.Succeeded), "voided in QBO", default));
                await transaction.CommitAsync(default);
            }

            Assert.True(await Store.RequeueWaitingForConnectionAsync(Organizations[0], default) > 0);
            await Store.RequeueWaitingForSaleAsync(Organizations[1], ["sale-key"], default);
        }

        public async Task AssertFiguresAsync(string when)
        {
            var now = Clock.GetUtcNow().UtcDateTime;
            await AssertWindowsAsync(when, TimeSpan.FromMinutes(37), TimeSpan.FromHours(1), TimeSpan.FromHours(3).Add(TimeSpan.FromSeconds(7)),
                TimeSpan.FromHours(24), TimeSpan.FromHours(720), now - FirstReceivedAt, now - FirstReceivedAt - TimeSpan.FromMinutes(61));
            var stats = new SystemStatsStore(Database);
            var queue = await QueueAsync();
            Assert.True(queue.Count > 0, when);
            Assert.Equal(queue, await stats.QueueByStatusAsync(default));
            Assert.Equal(queue.Values.Sum(), (await Queue.DepthAsync(default)).Depth);
        }

        public async Task AssertWindowsAsync(string when, params TimeSpan[] windows)
        {
            var stats = new SystemStatsStore(Database);
            foreach (var window in windows)
            {
                var from = Clock.GetUtcNow().UtcDateTime - window;
                var expected = await Rows<(string Status, long Count)>(ArchiveByStatusSql, new { From = from });
                var byOrganization = await Rows<(string OrganizationId, long Succeeded, long Failed, long Dead)>(ArchiveByOrganizationSql, new { From = from });

                Assert.Equal(expected.ToDictionary(r => r.Status, r => r.Count), await stats.PayloadsByStatusAsync(from, default));
                Assert.Equal(
                    byOrganization.Select(r => $"{r.OrganizationId} {r.Succeeded}/{r.Failed}/{r.Dead}").Order(StringComparer.Ordinal),
                    (await stats.SuccessByOrganizationAsync(from, default)).Select(r => $"{r.OrganizationId} {r.Succeeded}/{r.Failed}/{r.Dead}").Order(StringComparer.Ordinal));
            }

            Assert.True(windows.Length > 0, when);
        }

        /// <summary>Live payloads in the archive by status: what the queue figures equal once retention deleted queued payloads.</summary>
        public async Task<IReadOnlyDictionary<string, long>> ArchiveLiveAsync() =>
            (await Rows<(string Status, long Count)>(
                "SELECT status AS Status, COUNT(*) AS Count FROM webhook_payloads WHERE status IN @Live GROUP BY status", new { Live = PayloadCountReader.LiveStatuses }))
            .ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);

        public async ValueTask DisposeAsync()
        {
            await _metrics.DisposeAsync();
            await _database.DisposeAsync();
        }

        private async Task<Dictionary<string, long>> QueueAsync() =>
            (await Rows<(string Status, long Count)>(QueueByStatusSql, null)).ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);

        private async Task<string> FirstWithAsync(string status) =>
            (await Sql.ScalarAsync<string>(Database, "SELECT payload_id FROM webhook_payloads WHERE status = @Status ORDER BY received_at LIMIT 1", new { Status = status }))!;

        private async Task<List<T>> Rows<T>(string sql, object? parameters)
        {
            await using var connection = await Database.OpenAsync();
            return (await connection.QueryAsync<T>(sql, parameters)).AsList();
        }
    }
}
