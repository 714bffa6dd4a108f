using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Telemetry;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// An attempt whose lease ran out (its renewals failed while the database was away) and whose payload another
/// instance claimed writes nothing when it ends, whichever of the two ends first: the outcome is the attempt's that
/// holds the payload. One whose lease ran out but that no one claimed still holds it.
/// </summary>
public sealed class LeaseLostTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, BothDatabases]
    public async Task LostAttemptEndingAfterTheNewOne_WritesNothingOverItsOutcome(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind);
        var payloadId = await world.TakenOverAsync();

        await world.Recorder.SucceededAsync(world.Attempt(payloadId, PayloadStatus.Succeeded, 2), "instance-b", "130", world.Ledger(), default);
        await Assert.ThrowsAsync<LeaseLostException>(() => world.Recorder.FinishedAsync(
            world.Attempt(payloadId, PayloadStatus.Dead, 1), "instance-a", "QBO_SERVER: gave up", null, world.Ledger(), default));

        Assert.Equal(PayloadStatus.Succeeded, await world.StatusAsync(payloadId));
        Assert.Equal(1, await world.CountAsync("sync_logs", payloadId));
        Assert.Equal(0, await world.CountAsync("payload_settled_outbox", payloadId));
        Assert.Equal(0, await world.CountAsync("webhook_queue", payloadId));
    }

    [Theory, BothDatabases]
    public async Task LostAttemptEndingFirst_LeavesThePayloadToTheAttemptThatHoldsIt(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind);
        var payloadId = await world.TakenOverAsync();

        await Assert.ThrowsAsync<LeaseLostException>(() => world.Recorder.SucceededAsync(
            world.Attempt(payloadId, PayloadStatus.Succeeded, 1), "instance-a", "130", world.Ledger(), default));

        Assert.Equal(PayloadStatus.Processing, await world.StatusAsync(payloadId));
        Assert.Equal(0, await world.CountAsync("sync_logs", payloadId));
        Assert.Equal("instance-b", await Sql.ScalarAsync<string>(world.Database,
            "SELECT lease_owner FROM webhook_queue WHERE payload_id = @PayloadId", new { PayloadId = payloadId }));

        await world.Recorder.FinishedAsync(world.Attempt(payloadId, PayloadStatus.Retrying, 2), "instance-b", "QBO_SERVER: unavailable",
            world.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), world.Ledger(), default);
        Assert.Equal(PayloadStatus.Retrying, await world.StatusAsync(payloadId));
    }

    [Theory, BothDatabases]
    public async Task AttemptWhoseLeaseRanOut_WithNoOneElseClaimingIt_StillWritesItsOutcome(DatabaseKind kind)
    {
        await using var world = await World.StartAsync(kind);
        var payloadId = await world.ReceiveAsync();
        await world.ClaimAsync("instance-a");
        world.Clock.Advance(Lease + TimeSpan.FromMinutes(5));

        await world.Recorder.SucceededAsync(world.Attempt(payloadId, PayloadStatus.Succeeded, 1), "instance-a", "130", world.Ledger(), default);

        Assert.Equal(PayloadStatus.Succeeded, await world.StatusAsync(payloadId));
        Assert.Equal(0, await world.CountAsync("webhook_queue", payloadId));
    }

    /// <summary>A payload received and claimed by instances named by the test, on a clock of the test's.</summary>
    private sealed class World(TestDatabase database, ServiceProvider metrics, string organizationId, string sourceId) : IAsyncDisposable
    {
        public FakeTimeProvider Clock { get; } = TestClock.Create();

        public Database Database => database.Database;

        private DeadlockRetry Deadlocks => new(metrics.GetRequiredService<ServiceMetrics>());

        public OutcomeRecorder Recorder => new(
            new WebhookStore(Database, Clock), new SyncLogStore(Database, Clock), new SettledOutbox(Database, Clock), new LedgerStore(Database, Clock), Deadlocks);

        public static async Task<World> StartAsync(DatabaseKind kind)
        {
            var database = await TestDatabase.CreateAsync(kind);
            var organization = await TestData.OrganizationAsync(database.Database);
            var source = await TestData.SourceAsync(database.Database, organization.OrganizationId);
            return new World(database, new ServiceCollection().AddServiceMetrics().BuildServiceProvider(), organization.OrganizationId, source.SourceId);
        }

        public async Task<string> ReceiveAsync() =>
            (await new WebhookStore(Database, Clock).CreatePayloadAsync(
                new NewPayload { OrganizationId = organizationId, SourceId = sourceId, RawPayload = "{\"id\":1}" }, default)).PayloadId;

        public async Task ClaimAsync(string owner) =>
            Assert.Single(await new WebhookQueueStore(Database, Deadlocks, Clock).ClaimDueAsync(owner, 1, Lease, default));

        /// <summary>A payload claimed by instance-a, whose lease ran out, and claimed again by instance-b.</summary>
        public async Task<string> TakenOverAsync()
        {
            var payloadId = await ReceiveAsync();
            await ClaimAsync("instance-a");
            Clock.Advance(Lease + TimeSpan.FromSeconds(1));
            await ClaimAsync("instance-b");
            return payloadId;
        }

        public NewSyncLog Attempt(string payloadId, string status, int attempt) =>
            new() { OrganizationId = organizationId, PayloadId = payloadId, Status = status, Attempt = attempt };

        public AttemptLedger Ledger() => new(new LedgerStore(Database, Clock), Clock);

        public Task<string?> StatusAsync(string payloadId) =>
            Sql.ScalarAsync<string>(Database, "SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId", new { PayloadId = payloadId });

        public Task<long> CountAsync(string table, string payloadId) =>
            Sql.CountAsync(Database, $"SELECT COUNT(*) FROM {table} WHERE payload_id = @PayloadId", new { PayloadId = payloadId });

        public async ValueTask DisposeAsync()
        {
            await metrics.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
