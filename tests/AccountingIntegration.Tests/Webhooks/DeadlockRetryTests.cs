using System.Data.Common;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Features.Webhooks.Status;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Telemetry;
using AccountingIntegration.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// On MariaDB a claim or an outcome can lose a deadlock to another transaction that locks the same payload rows in
/// the other order; InnoDB rolls the loser back whole. (A claim locks no payload rows but its own, so an outcome of
/// another payload cannot be that transaction.) The loser runs again instead of failing: a claim round must not
/// log an error and pause its worker, an outcome must not wait for its lease to run out. SQLite takes its write lock
/// up front and cannot deadlock, so these run on MariaDB alone.
/// </summary>
public sealed class DeadlockRetryTests
{
    /// <summary>As many payloads as one claim takes for a busy instance's workers.</summary>
    private const int ClaimSize = 32;

    [Fact]
    public async Task ClaimThatLosesADeadlock_RunsAgain_AndClaimsThePayload()
    {
        await using var world = await World.StartAsync();
        var payloadId = await world.ReceiveAsync();

        // The other transaction holds the payload row; the claim takes the queue entry and the count mark's shared
        // lock, then waits for the row. The other then asks for the mark: each waits for the other.
        await using var rival = await Rival.BeginAsync(world.Database, payloadId);
        var claim = world.Queue.ClaimDueAsync("worker", 1, TimeSpan.FromMinutes(5), default);
        await rival.WaitUntilServiceHoldsCountMarkAsync(world.Database, claim);
        await rival.LockCountMarkAsync();
        // The rival won the deadlock; rolling it back lets the claim's second run through.
        await rival.DisposeAsync();

        var claimed = Assert.Single(await claim);
        AssertLost(world, "claim");
        Assert.Equal(payloadId, claimed.PayloadId);
        Assert.Equal(PayloadStatus.Processing, await Sql.ScalarAsync<string>(world.Database,
            "SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId", new { PayloadId = payloadId }));
    }

    [Fact]
    public async Task OutcomeThatLosesADeadlock_IsWrittenAgain_Once()
    {
        await using var world = await World.StartAsync();
        var payloadId = await world.ReceiveAsync();
        Assert.Single(await world.Queue.ClaimDueAsync("worker", 1, TimeSpan.FromMinutes(5), default));

        await using var rival = await Rival.BeginAsync(world.Database, payloadId);
        var attempt = new NewSyncLog { OrganizationId = world.OrganizationId, PayloadId = payloadId, Status = PayloadStatus.Failed, Attempt = 1 };
        var outcome = world.Recorder.FinishedAsync(attempt, "worker", "400: rejected", null, world.Ledger(), default);
        await rival.WaitUntilServiceHoldsCountMarkAsync(world.Database, outcome);
        await rival.LockCountMarkAsync();
        await rival.DisposeAsync();

        await outcome;
        AssertLost(world, "outcome");
        Assert.Equal(PayloadStatus.Failed, await Sql.ScalarAsync<string>(world.Database,
            "SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId", new { PayloadId = payloadId }));
        Assert.Equal(1, await Sql.CountAsync(world.Database, "SELECT COUNT(*) FROM sync_logs WHERE payload_id = @PayloadId", new { PayloadId = payloadId }));
        Assert.Equal(0, await Sql.CountAsync(world.Database, "SELECT COUNT(*) FROM webhook_queue"));
    }

    /// <summary>A replay locks the count mark and the payload row in an outcome's order, and runs again as one does.</summary>
    [Fact]
    public async Task ReplayThatLosesADeadlock_RunsAgain_AndQueuesThePayload()
    {
        await using var world = await World.StartAsync();
        var payloadId = await world.ReceiveAsync();
        Assert.Single(await world.Queue.ClaimDueAsync("worker", 1, TimeSpan.FromMinutes(5), default));
        await world.Recorder.FinishedAsync(new NewSyncLog { OrganizationId = world.OrganizationId, PayloadId = payloadId, Status = PayloadStatus.Dead, Attempt = 1 },
            "worker", "500: gave up", null, world.Ledger(), default);

        await using var rival = await Rival.BeginAsync(world.Database, payloadId);
        var replayer = new PayloadReplayer(new WebhookStore(world.Database, world.Clock), world.Deadlocks, new WorkSignal(),
            new AuditTrail(new AuditLogStore(world.Database, world.Clock)), new MemoryCache(new MemoryCacheOptions()));
        var replay = replayer.ReplayAsync(world.OrganizationId, payloadId, AuditActor.System("test"), default);
        await rival.WaitUntilServiceHoldsCountMarkAsync(world.Database, replay);
        await rival.LockCountMarkAsync();
        await rival.DisposeAsync();

        await replay;
        AssertLost(world, "replay");
        Assert.Equal(PayloadStatus.Queued, await Sql.ScalarAsync<string>(world.Database,
            "SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId", new { PayloadId = payloadId }));
        Assert.Equal(PayloadStatus.Queued, await Sql.ScalarAsync<string>(world.Database,
            "SELECT status FROM webhook_queue WHERE payload_id = @PayloadId", new { PayloadId = payloadId }));
    }

    /// <summary>
    /// A revival locks the payload's row first and the count mark second; a transaction holding the mark that then asks
    /// for the row deadlocks it. It runs again and revives the payload.
    /// </summary>
    [Fact]
    public async Task RevivalThatLosesADeadlock_RunsAgain_AndQueuesThePayload()
    {
        await using var world = await World.StartAsync();
        var payloadId = await world.ReceiveAsync();
        Assert.Single(await world.Queue.ClaimDueAsync("worker", 1, TimeSpan.FromMinutes(5), default));
        await world.Recorder.FinishedAsync(new NewSyncLog { OrganizationId = world.OrganizationId, PayloadId = payloadId, Status = PayloadStatus.Failed, Attempt = 1 },
            "worker", "DEPENDENCY_MISSING: its order never came", null, world.Ledger(), default, waitingFor: ["order:1"]);

        await using var rival = await Rival.BeginAsync(world.Database, "SELECT counted_through FROM payload_count_mark WHERE mark_id = 1 FOR UPDATE", payloadId);
        var revive = new ReviveExpiredSaleWaits(new WebhookStore(world.Database, world.Clock), new LedgerStore(world.Database, world.Clock), world.Deadlocks,
                new AuditTrail(new AuditLogStore(world.Database, world.Clock)), new WorkSignal(), NullLogger<ReviveExpiredSaleWaits>.Instance)
            .ReviveAsync(world.OrganizationId, ["order:1"], default);
        await rival.WaitUntilServiceHoldsPayloadRowAsync(world.Database, payloadId, revive);
        await rival.LockPayloadRowAsync(payloadId);
        await rival.DisposeAsync();

        Assert.Equal(1, await revive);
        AssertLost(world, "revival");
        Assert.Equal(PayloadStatus.Queued, await Sql.ScalarAsync<string>(world.Database,
            "SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId", new { PayloadId = payloadId }));
    }

    [Fact]
    public async Task ClaimLocksOnlyItsOwnPayloads_SoAnOutcomeOfAnOlderOneCannotDeadlockIt()
    {
        await using var world = await World.StartAsync();
        var older = await world.ReceiveAsync();
        var newer = new List<string>();
        for (var i = 0; i < ClaimSize; i++)
        {
            world.Clock.Advance(TimeSpan.FromSeconds(1));
            newer.Add(await world.ReceiveAsync());
        }

        Assert.Equal(older, Assert.Single(await world.Queue.ClaimDueAsync("worker-a", 1, TimeSpan.FromMinutes(5), default)).PayloadId);
        // Statistics as a server that has run a while keeps them: with them, a claim of many payloads was planned on the
        // received-time index, whose first entry past the (empty) counted range is the oldest payload's.
        await world.Database.ExecuteAsync("ANALYZE TABLE webhook_payloads", null, default);

        // An outcome for the older payload changes its status (locking its index entries), then asks for a queue entry
        // the claim holds. Three instances on one MariaDB lost claims this way, each waiting for the other.
        await using var rival = await Rival.BeginAsync(world.Database, "UPDATE webhook_payloads SET status = 'succeeded' WHERE payload_id = @PayloadId", older);
        var claim = world.Queue.ClaimDueAsync("worker-b", ClaimSize, TimeSpan.FromMinutes(5), default);
        await Rival.WaitUntilQueueEntryLeasedAsync(world.Database, newer[0], "worker-b", claim);
        var rivalWaits = rival.LockQueueEntryAsync(newer[0]);

        var claimed = await claim;
        await rivalWaits;
        Assert.Equal(newer.Order(), claimed.Select(c => c.PayloadId).Order());
        Assert.Empty(world.Lost.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task WakingAnOrganizationsWaitingPayloads_DoesNotWaitForAnotherOrganizationsRows()
    {
        await using var world = await World.StartAsync();
        var waiting = await world.ReceiveAsync();
        Assert.Single(await world.Queue.ClaimDueAsync("worker", 1, TimeSpan.FromMinutes(5), default));
        var store = new WebhookStore(world.Database, world.Clock);
        await using (var parked = await store.BeginOutcomeAsync(default))
        {
            Assert.True(await store.MarkOutcomeAsync(parked, waiting, PayloadStatus.WaitingDependency, null, null, default));
            await parked.CommitAsync(default);
        }

        // A later organization sorts after this one in the (organization, status) indexes. Its payload's outcome holds the
        // payload's entries there; the wake-up must not wait for them (a write over this organization's range did).
        var other = await TestData.OrganizationAsync(world.Database);
        var otherSource = await TestData.SourceAsync(world.Database, other.OrganizationId);
        var othersPayload = (await store.CreatePayloadAsync(
            new NewPayload { OrganizationId = other.OrganizationId, SourceId = otherSource.SourceId, RawPayload = "{\"id\":2}" }, default)).PayloadId;
        await using var rival = await Rival.BeginAsync(world.Database, "UPDATE webhook_payloads SET status = 'succeeded' WHERE payload_id = @PayloadId", othersPayload);

        Assert.Equal(1, await store.RequeueWaitingForSaleAsync(world.OrganizationId, ["sale-key"], default));
        Assert.Equal(PayloadStatus.Queued, await Sql.ScalarAsync<string>(world.Database,
            "SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId", new { PayloadId = waiting }));
        Assert.Equal(0, await store.RequeueWaitingForSaleAsync(world.OrganizationId, ["sale-key"], default));
    }

    private static void AssertLost(World world, string transaction)
    {
        var lost = Assert.Single(world.Lost.GetMeasurementSnapshot());
        Assert.Equal(1, lost.Value);
        Assert.Equal(transaction, lost.Tags["transaction"]);
        Assert.Equal("retried", lost.Tags["outcome"]);
    }

    /// <summary>
    /// A transaction that locks a payload's row first and the count mark second, the reverse of the service's order. It
    /// writes ballast rows first, so InnoDB, which rolls back the transaction that changed fewer rows, picks the service's.
    /// </summary>
    private sealed class Rival : IAsyncDisposable
    {
        private const int BallastRows = 200;
        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;

        private Rival(DbConnection connection, DbTransaction transaction) => (_connection, _transaction) = (connection, transaction);

        /// <summary>Begins with the ballast, then locks the payload's row.</summary>
        public static Task<Rival> BeginAsync(Database database, string payloadId) =>
            BeginAsync(database, "SELECT payload_id FROM webhook_payloads WHERE payload_id = @PayloadId FOR UPDATE", payloadId);

        /// <summary>Begins with the ballast, then runs <paramref name="firstLock"/> on the payload.</summary>
        public static async Task<Rival> BeginAsync(Database database, string firstLock, string payloadId)
        {
            var connection = await database.OpenAsync();
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS deadlock_ballast (n INT PRIMARY KEY)");
            var transaction = await Database.BeginAsync(connection);
            await connection.ExecuteAsync("INSERT INTO deadlock_ballast (n) VALUES (@N)", Enumerable.Range(1, BallastRows).Select(n => new { N = n }), transaction);
            await connection.ExecuteAsync(firstLock, new { PayloadId = payloadId }, transaction);
            return new Rival(connection, transaction);
        }

        /// <summary>Asks for a payload's queue entry, waiting for whoever holds it.</summary>
        public Task LockQueueEntryAsync(string payloadId) =>
            _connection.ExecuteAsync("SELECT payload_id FROM webhook_queue WHERE payload_id = @PayloadId FOR UPDATE", new { PayloadId = payloadId }, _transaction);

        /// <summary>
        /// Waits until the service's claim has leased the payload's queue entry to <paramref name="owner"/> (so its
        /// transaction holds the entry), or <paramref name="service"/> is done. The probe reads uncommitted rows and takes
        /// no lock: a probe that locked the entry, however briefly, could make the claim's SKIP LOCKED pass it over.
        /// </summary>
        public static async Task WaitUntilQueueEntryLeasedAsync(Database database, string payloadId, string owner, Task service)
        {
            await using var probe = await database.OpenAsync();
            await probe.ExecuteAsync("SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED");
            while (!service.IsCompleted && await probe.ExecuteScalarAsync<string?>(
                       "SELECT lease_owner FROM webhook_queue WHERE payload_id = @PayloadId", new { PayloadId = payloadId }) != owner)
            {
                await Task.Delay(20);
            }
        }

        /// <summary>
        /// Waits until the service's transaction holds the count mark shared: a third connection's NOWAIT request for it
        /// is then refused. The service's next lock is the rival's payload row, so it waits from there on.
        /// </summary>
        public async Task WaitUntilServiceHoldsCountMarkAsync(Database database, Task service) =>
            Assert.True(await WaitUntilHeldAsync(database, "SELECT counted_through FROM payload_count_mark WHERE mark_id = 1 FOR UPDATE NOWAIT", null, service),
                "the service's transaction finished without waiting for the rival's row lock");

        /// <summary>Waits until the service's transaction holds the payload's row (a third connection's NOWAIT request is refused).</summary>
        public async Task WaitUntilServiceHoldsPayloadRowAsync(Database database, string payloadId, Task service) =>
            Assert.True(await WaitUntilHeldAsync(database, "SELECT payload_id FROM webhook_payloads WHERE payload_id = @PayloadId FOR UPDATE NOWAIT",
                new { PayloadId = payloadId }, service), "the service's transaction finished without waiting for the rival's count mark");

        /// <summary>Asks for the payload's row the waiting service transaction holds: InnoDB detects the deadlock here.</summary>
        public Task LockPayloadRowAsync(string payloadId) =>
            _connection.ExecuteAsync("SELECT payload_id FROM webhook_payloads WHERE payload_id = @PayloadId FOR UPDATE", new { PayloadId = payloadId }, _transaction);

        /// <summary>
        /// Probes <paramref name="nowait"/> from a third connection until it is refused (another transaction holds the
        /// row): true then, false when <paramref name="service"/> finished first.
        /// </summary>
        private static async Task<bool> WaitUntilHeldAsync(Database database, string nowait, object? parameters, Task service)
        {
            await using var probe = await database.OpenAsync();
            while (!service.IsCompleted)
            {
                await using var transaction = await Database.BeginAsync(probe);
                try
                {
                    await probe.ExecuteAsync(nowait, parameters, transaction);
                }
                catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.LockWaitTimeout)
                {
                    return true;
                }

                await transaction.RollbackAsync();
                await Task.Delay(20);
            }

            return false;
        }

        /// <summary>Asks for the count mark the waiting service transaction holds shared: InnoDB detects the deadlock here.</summary>
        public Task LockCountMarkAsync() =>
            _connection.ExecuteAsync("SELECT counted_through FROM payload_count_mark WHERE mark_id = 1 FOR UPDATE", transaction: _transaction);

        public async ValueTask DisposeAsync()
        {
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }

    private sealed class World(TestDatabase database, ServiceProvider metrics, string organizationId, string sourceId) : IAsyncDisposable
    {
        private readonly FakeTimeProvider _clock = TestClock.Create();
        private readonly DeadlockRetry _deadlocks = new(metrics.GetRequiredService<ServiceMetrics>());

        public DeadlockRetry Deadlocks => _deadlocks;

        public Database Database => database.Database;

        public string OrganizationId => organizationId;

        public FakeTimeProvider Clock => _clock;

        public WebhookQueueStore Queue => new(Database, _deadlocks, _clock);

        public OutcomeRecorder Recorder => new(new WebhookStore(Database, _clock), new SyncLogStore(Database, _clock), new SettledOutbox(Database, _clock), new LedgerStore(Database, _clock), _deadlocks);

        /// <summary>The deadlocks the service's transactions lost: one tag set per measurement.</summary>
        public MetricCollector<long> Lost { get; } = new(metrics.GetRequiredService<ServiceMetrics>().Meter, "ai.database.deadlocks");

        public static async Task<World> StartAsync()
        {
            var database = await TestDatabase.CreateAsync(DatabaseKind.MySql);
            var organization = await TestData.OrganizationAsync(database.Database);
            var source = await TestData.SourceAsync(database.Database, organization.OrganizationId);
            return new World(database, new ServiceCollection().AddServiceMetrics().BuildServiceProvider(), organization.OrganizationId, source.SourceId);
        }

        public AttemptLedger Ledger() => new(new LedgerStore(Database, _clock), _clock);

        public async Task<string> ReceiveAsync()
        {
            var accepted = await new WebhookStore(Database, _clock).CreatePayloadAsync(
                new NewPayload { OrganizationId = organizationId, SourceId = sourceId, RawPayload = "{\"id\":1}" }, default);
            return accepted.PayloadId;
        }

        public async ValueTask DisposeAsync()
        {
            Lost.Dispose();
            await metrics.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
