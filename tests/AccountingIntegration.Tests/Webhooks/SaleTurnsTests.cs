using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// The turns to book a sale: held while the attempt that took them runs, released with its outcome, taken over when
/// its worker's lease ran out. Two payloads claimed by hand, with no worker running.
/// </summary>
public sealed class SaleTurnsTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, BothDatabases]
    public async Task ATurnIsHeldWhileItsAttemptRuns_ReleasedWithItsOutcome_AndTakenOverWhenItsLeaseRanOut(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind),
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        var (first, second) = (await SendAsync(world, 79001), await SendAsync(world, 79002));
        var queue = world.Services.GetRequiredService<WebhookQueueStore>();
        Assert.Equal(2, (await queue.ClaimDueAsync("worker", 2, Lease, default)).Count);
        var turns = world.Services.GetRequiredService<ISaleTurns>();
        var organization = world.Organization.OrganizationId;

        Assert.Null(await turns.TakeAsync(organization, first, ["shop:order:1", "shop:checkout:9"], default));
        Assert.Null(await turns.TakeAsync(organization, first, ["shop:order:1"], default));
        // Another organization's sale of the same name is another sale.
        Assert.Null(await turns.TakeAsync(Guid.NewGuid().ToString(), "another-payload", ["shop:order:1"], default));

        // One name in common is the same sale: the second waits, and its claim is not counted as an attempt.
        Assert.Equal(first, await turns.TakeAsync(organization, second, ["shop:payment:5", "shop:checkout:9"], default));
        Assert.Equal(0, await AttemptsAsync(world, second));
        Assert.Equal(0, await TurnsOfAsync(world, second));

        await using (var outcome = await world.Services.GetRequiredService<WebhookStore>().BeginOutcomeAsync(default))
        {
            await world.Services.GetRequiredService<WebhookStore>().MarkOutcomeAsync(outcome, first, PayloadStatus.Retrying, "QBO_500: try again", null, default);
            await outcome.CommitAsync(default);
        }

        Assert.Equal(0, await TurnsOfAsync(world, first));
        Assert.Null(await turns.TakeAsync(organization, second, ["shop:payment:5", "shop:checkout:9"], default));
        Assert.Equal(2, await TurnsOfAsync(world, second));

        // The second's worker died: once its lease ran out, the first (claimed again) takes the sale over.
        Assert.Single(await queue.ClaimDueAsync("worker", 1, Lease, default));
        world.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(second, await turns.TakeAsync(organization, first, ["shop:checkout:9"], default));
        world.Clock.Advance(Lease - TimeSpan.FromSeconds(9));
        Assert.Null(await turns.TakeAsync(organization, first, ["shop:checkout:9"], default));
        Assert.Equal(1, await TurnsOfAsync(world, first));
        Assert.Equal(1, await TurnsOfAsync(world, second));
    }

    private static async Task<string> SendAsync(PipelineWorld world, long orderId)
    {
        using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(orderId));
        return (await PipelineWorld.DataAsync(sent)).GetProperty("payloadId").GetString()!;
    }

    private static Task<int> AttemptsAsync(PipelineWorld world, string payloadId) =>
        Sql.ScalarAsync<int>(world.Services.GetRequiredService<Database>(), "SELECT attempts FROM webhook_queue WHERE payload_id = @PayloadId", new { PayloadId = payloadId });

    private static Task<int> TurnsOfAsync(PipelineWorld world, string payloadId) =>
        Sql.ScalarAsync<int>(world.Services.GetRequiredService<Database>(), "SELECT COUNT(*) FROM sale_turns WHERE payload_id = @PayloadId", new { PayloadId = payloadId });
}
