using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// A request that waits for its payload's outcome (<c>?wait=N</c>) is answered by this instance's worker once its attempt
/// is over, not from the outcome's row as soon as it commits: what the attempt does after its commit (waking the payloads
/// that wait for its sale, counting it in /metrics) is done by the time the caller hears of it.
/// </summary>
public sealed class OutcomeWaiterTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Theory, BothDatabases]
    public async Task CommittedOutcome_OfAPayloadAWorkerHereIsStillAt_IsAnsweredByItsAnnouncement(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        var committed = await world.DeliverAsync(PipelineWorld.ShopifyOrder(6101));
        Assert.Equal(PayloadStatus.Succeeded, committed.Status);
        var outcomes = world.Services.GetRequiredService<PayloadOutcomes>();
        var waiter = world.Services.GetRequiredService<OutcomeWaiter>();

        // A worker here is at the payload whose outcome row is committed: its wake-ups after the commit still run. The row is
        // no answer meanwhile: a wait of a second runs out without one.
        outcomes.BeginAttempt(committed.PayloadId);
        var unanswered = waiter.WaitAsync(world.Organization.OrganizationId, committed.PayloadId, false, TimeSpan.FromSeconds(1), default);
        await Eventually.GetAsync(() => Task.FromResult(unanswered.IsCompleted), over => over, betweenReads: () => world.Clock.Advance(TimeSpan.FromMilliseconds(250)));
        Assert.Null(await unanswered);

        // The announcement at the end of the attempt is.
        var waiting = waiter.WaitAsync(world.Organization.OrganizationId, committed.PayloadId, false, Limit, default);
        var announced = new PayloadOutcome(committed.PayloadId, PayloadStatus.Succeeded, true, committed.DocumentId, null, "announced once the attempt was over");
        await outcomes.PublishAsync(world.Organization.OrganizationId, announced, default);
        outcomes.EndAttempt(committed.PayloadId);

        var answer = await waiting;
        Assert.Equal(announced.Reason, answer?.Reason);
    }

    [Theory, BothDatabases]
    public async Task CommittedOutcome_OfAPayloadNoWorkerHereIsAt_IsReadFromItsRow(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        var committed = await world.DeliverAsync(PipelineWorld.ShopifyOrder(6102));
        var outcomes = world.Services.GetRequiredService<PayloadOutcomes>();

        // Two attempts here at once (the first's lease ran out under it) keep the payload until both are over; they ended
        // announcing nothing (their lease lost, another instance wrote the outcome).
        outcomes.BeginAttempt(committed.PayloadId);
        outcomes.BeginAttempt(committed.PayloadId);
        outcomes.EndAttempt(committed.PayloadId);
        Assert.True(outcomes.IsAttempting(committed.PayloadId));
        outcomes.EndAttempt(committed.PayloadId);

        var answer = await world.Services.GetRequiredService<OutcomeWaiter>()
            .WaitAsync(world.Organization.OrganizationId, committed.PayloadId, false, Limit, default);
        Assert.Equal(PayloadStatus.Succeeded, answer?.Status);
        Assert.Equal(committed.DocumentId, answer?.InvoiceId);
        Assert.False(outcomes.IsAttempting(committed.PayloadId));
    }
}
