using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// A payload whose row retention deleted while it still had a queue entry (parked for a connection longer than payloads
/// are kept): its attempt finds nothing to do, and the entry must go with it, or it is claimed again every lease for good.
/// </summary>
public sealed class PayloadGoneTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task QueueEntryOfAPayloadRetentionDeleted_IsClosedByItsAttempt_NotClaimedAgain(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind),
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(79101));
        var payloadId = (await PipelineWorld.DataAsync(sent)).GetProperty("payloadId").GetString()!;
        var database = world.Services.GetRequiredService<Database>();
        await database.ExecuteAsync("DELETE FROM webhook_payloads WHERE payload_id = @PayloadId", new { PayloadId = payloadId }, default);
        var queue = world.Services.GetRequiredService<WebhookQueueStore>();
        var claim = Assert.Single(await queue.ClaimDueAsync("worker", 1, TimeSpan.FromSeconds(30), default));

        await using (var scope = world.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<PayloadProcessor>().ProcessAsync(claim, default);
            Assert.Equal(OutcomeCodes.PayloadMissing, outcome.Reason);
        }

        Assert.Equal(0L, await Sql.CountAsync(database, "SELECT COUNT(*) FROM webhook_queue WHERE payload_id = @PayloadId", new { PayloadId = payloadId }));
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await queue.ClaimDueAsync("worker", 1, TimeSpan.FromSeconds(30), default));
    }
}
