using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// The service's own attempt, run on a claim another instance took over after its lease ran out: it books (QBO's
/// request id makes it the same document either attempt would create) but writes and tells no outcome; the payload
/// stays the other instance's, which books it as succeeded and finds the one invoice.
/// </summary>
public sealed class LeaseLostAttemptTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task AttemptOnAClaimTakenOver_WritesNoOutcome_AndTheHolderBooksTheSameInvoice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind),
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(79102));
        var payloadId = (await PipelineWorld.DataAsync(sent)).GetProperty("payloadId").GetString()!;
        var database = world.Services.GetRequiredService<Database>();
        var queue = world.Services.GetRequiredService<WebhookQueueStore>();
        var lost = Assert.Single(await queue.ClaimDueAsync("instance-a", 1, TimeSpan.FromSeconds(30), default));
        world.Clock.Advance(TimeSpan.FromSeconds(31));
        var holder = Assert.Single(await queue.ClaimDueAsync("instance-b", 1, TimeSpan.FromSeconds(30), default));

        var outcome = await ProcessAsync(world, lost);

        Assert.Equal(PayloadStatus.Processing, outcome.Status);
        Assert.Null(outcome.LogId);
        Assert.Equal(0L, await Sql.CountAsync(database, "SELECT COUNT(*) FROM sync_logs WHERE payload_id = @PayloadId", new { PayloadId = payloadId }));
        Assert.Equal(PayloadStatus.Processing, await Sql.ScalarAsync<string>(database,
            "SELECT status FROM webhook_payloads WHERE payload_id = @PayloadId", new { PayloadId = payloadId }));

        var booked = await ProcessAsync(world, holder);

        Assert.Equal(PayloadStatus.Succeeded, booked.Status);
        Assert.Equal(booked.InvoiceId, (string?)Assert.Single(world.Entities("Invoice"))["Id"]);
    }

    private static async Task<PayloadOutcome> ProcessAsync(PipelineWorld world, QueueClaim claim)
    {
        await using var scope = world.Services.CreateAsyncScope();
        return await world.Pump.WhileAsync(scope.ServiceProvider.GetRequiredService<PayloadProcessor>().ProcessAsync(claim, default));
    }
}
