using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// Leases are short and renewed while their worker works: a slow QBO call never lets a second worker take the
/// payload, and a crashed worker's payloads come back within one short lease instead of after minutes.
/// </summary>
public sealed class LeaseRenewalTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, BothDatabases]
    public async Task AWorkerStillOnAPayload_KeepsItPastManyLeases_AndReleasingItLetsAnotherTakeIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind),
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0", ["WORKER_LEASE_SECONDS"] = "30" });
        using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(78001));
        var payloadId = (await PipelineWorld.DataAsync(sent)).GetProperty("payloadId").GetString()!;
        var queue = world.Services.GetRequiredService<WebhookQueueStore>();
        var claim = Assert.Single(await queue.ClaimDueAsync("slow-worker", 1, Lease, default));

        await using (world.Services.GetRequiredService<LeaseKeeper>().Keep(claim))
        {
            // Three whole leases pass, a second at a time, while the worker is still busy: renewed every third of a
            // lease, it never has less than about two thirds left, and no other worker can take the payload.
            var end = world.Clock.GetUtcNow() + (3 * Lease);
            while (world.Clock.GetUtcNow() < end)
            {
                world.Clock.Advance(TimeSpan.FromSeconds(1));
                var now = world.Clock.GetUtcNow().UtcDateTime;
                await Eventually.GetAsync(() => LeaseUntilAsync(world, payloadId), until => until - now > TimeSpan.FromSeconds(15));
                Assert.Empty(await queue.ClaimDueAsync("other-worker", 1, Lease, default));
            }
        }

        world.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var taken = Assert.Single(await queue.ClaimDueAsync("other-worker", 1, Lease, default));
        Assert.Equal(payloadId, taken.PayloadId);
    }

    [Theory, BothDatabases]
    public async Task ACrashedWorkersPayload_IsBookedByAnotherWithinOneShortLease(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind),
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(78002));
        var payloadId = (await PipelineWorld.DataAsync(sent)).GetProperty("payloadId").GetString()!;
        var options = world.Services.GetRequiredService<WebhookOptions>();
        // A worker of an instance that then died: it claimed with the configured lease and will never renew it.
        Assert.Single(await world.Services.GetRequiredService<WebhookQueueStore>().ClaimDueAsync("crashed-instance", 1, options.LeaseDuration, default));
        var crashedAt = world.Clock.GetUtcNow();

        await using var survivor = await world.StartHostAsync(new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "1" });
        await world.WaitForStatusAsync(payloadId, PayloadStatus.Succeeded);

        Assert.Equal(TimeSpan.FromSeconds(30), options.LeaseDuration);
        Assert.InRange(world.Clock.GetUtcNow() - crashedAt, options.LeaseDuration, options.LeaseDuration + TimeSpan.FromSeconds(15));
    }

    private static async Task<DateTime?> LeaseUntilAsync(PipelineWorld world, string payloadId) =>
        await Sql.ScalarAsync<DateTime?>(world.Services.GetRequiredService<Database>(),
            "SELECT lease_until FROM webhook_queue WHERE payload_id = @PayloadId", new { PayloadId = payloadId });
}
