using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Telemetry;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// A failed or dead outcome is kept with the outcome, in its transaction, until its subscribers were told; one not
/// told within the grace comes due for the sweep, which exactly one claimer takes at a time.
/// </summary>
public sealed class SettledOutboxTests
{
    [Theory, BothDatabases]
    public async Task DeadOutcome_IsKeptWithItsSyncLog_AndComesDueAfterTheGrace(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind);
        var dead = await world.SettleAsync(PayloadStatus.Dead, "QBO_SERVER");
        await world.SettleAsync(PayloadStatus.Retrying, "QBO_SERVER");
        await world.SettleAsync(PayloadStatus.Skipped, "EVENT_IGNORED");

        Assert.Empty(await world.Outbox.ListDueAsync(10, default));
        world.Clock.Advance(SettledOutbox.Grace);

        var due = Assert.Single(await world.Outbox.ListDueAsync(10, default));
        Assert.Equal(dead.LogId, due.LogId);
        Assert.Equal(new PayloadSettled(world.OrganizationId, dead.PayloadId, PayloadStatus.Dead, "QBO_SERVER"), due.Settled);
        Assert.Equal(dead.CreatedAt, due.SettledAt);
    }

    [Theory, BothDatabases]
    public async Task DueOutcome_IsClaimedOnce_UntilItsLeaseEnds_AndGoneOnceReleased(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind);
        var failed = await world.SettleAsync(PayloadStatus.Failed, "MAPPING_ERROR");
        world.Clock.Advance(SettledOutbox.Grace);

        Assert.True(await world.Outbox.TryClaimAsync(failed.LogId, default));
        Assert.False(await world.Outbox.TryClaimAsync(failed.LogId, default));
        Assert.Empty(await world.Outbox.ListDueAsync(10, default));

        // The claimer stopped before it told the subscribers: the outcome is due again once its lease ends.
        world.Clock.Advance(SettledOutbox.Lease);
        Assert.Single(await world.Outbox.ListDueAsync(10, default));
        Assert.True(await world.Outbox.TryClaimAsync(failed.LogId, default));

        await world.Outbox.ReleaseAsync(failed.LogId, default);
        world.Clock.Advance(SettledOutbox.Lease);
        Assert.Empty(await world.Outbox.ListDueAsync(10, default));
        Assert.Equal(0, await Sql.CountAsync(world.Database, "SELECT COUNT(*) FROM payload_settled_outbox"));
    }

    [Theory, BothDatabases]
    public async Task OutcomeASubscriberFailedToTake_StaysForTheSweep_OneAllTookIsLetGo(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind);
        var refused = await world.SettleAsync(PayloadStatus.Dead, "QBO_SERVER");
        var taken = await world.SettleAsync(PayloadStatus.Failed, "MAPPING_ERROR");
        var subscriber = new Subscriber { Refuses = refused.PayloadId };
        var outcomes = new PayloadOutcomes([subscriber], world.Outbox, NullLogger<PayloadOutcomes>.Instance);

        await outcomes.PublishAsync(world.OrganizationId, new PayloadOutcome(refused.PayloadId, PayloadStatus.Dead, false, null, refused.LogId, "QBO_SERVER"), default);
        await outcomes.PublishAsync(world.OrganizationId, new PayloadOutcome(taken.PayloadId, PayloadStatus.Failed, false, null, taken.LogId, "MAPPING_ERROR"), default);

        Assert.Equal([refused.PayloadId, taken.PayloadId], subscriber.Told);
        world.Clock.Advance(SettledOutbox.Grace);
        Assert.Equal(refused.LogId, Assert.Single(await world.Outbox.ListDueAsync(10, default)).LogId);
    }

    private sealed class Subscriber : IPayloadSettledHandler
    {
        public required string Refuses { get; init; }

        public List<string> Told { get; } = [];

        public Task HandleAsync(PayloadSettled settled, CancellationToken cancellationToken)
        {
            Told.Add(settled.PayloadId);
            return settled.PayloadId == Refuses ? throw new InvalidOperationException("The alert store is unreachable.") : Task.CompletedTask;
        }
    }

    /// <summary>A payload received, claimed and settled by the service's own recorder, on a clock of the test's.</summary>
    private sealed class World(TestDatabase database, ServiceProvider metrics, string organizationId, string sourceId) : IAsyncDisposable
    {
        public FakeTimeProvider Clock { get; } = TestClock.Create();

        public Database Database => database.Database;

        public string OrganizationId => organizationId;

        public SettledOutbox Outbox => new(Database, Clock);

        public static async Task<World> StartAsync(DatabaseKind kind)
        {
            var database = await TestDatabase.CreateAsync(kind);
            var organization = await TestData.OrganizationAsync(database.Database);
            var source = await TestData.SourceAsync(database.Database, organization.OrganizationId);
            return new World(database, new ServiceCollection().AddServiceMetrics().BuildServiceProvider(), organization.OrganizationId, source.SourceId);
        }

        /// <summary>Receives a payload, claims it and writes its outcome; returns the attempt's sync log row.</summary>
        public async Task<SyncLog> SettleAsync(string status, string code)
        {
            var deadlocks = new DeadlockRetry(metrics.GetRequiredService<ServiceMetrics>());
            var webhooks = new WebhookStore(Database, Clock);
            var accepted = await webhooks.CreatePayloadAsync(new NewPayload { OrganizationId = organizationId, SourceId = sourceId, RawPayload = "{\"id\":1}" }, default);
            await new WebhookQueueStore(Database, deadlocks, Clock).ClaimDueAsync("worker", 1, TimeSpan.FromMinutes(5), default);
            var recorder = new OutcomeRecorder(webhooks, new SyncLogStore(Database, Clock), Outbox, new LedgerStore(Database, Clock), deadlocks);
            var attempt = new NewSyncLog { OrganizationId = organizationId, PayloadId = accepted.PayloadId, Status = status, Attempt = 1, ErrorCode = code };
            var next = PayloadStatus.IsTerminal(status) ? (DateTime?)null : Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
            return await recorder.FinishedAsync(attempt, "worker", code, next, new AttemptLedger(new LedgerStore(Database, Clock), Clock), default);
        }

        public async ValueTask DisposeAsync()
        {
            await metrics.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
