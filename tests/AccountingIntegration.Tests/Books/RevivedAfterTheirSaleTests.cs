using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// A refund that waited its time limit for its order fails with DEPENDENCY_MISSING, a cancellation is skipped; the order
/// booked later after all (its webhook days late, or its mapping fixed and the order replayed) takes them up again,
/// without anyone replaying them.
/// </summary>
public sealed class RevivedAfterTheirSaleTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly IReadOnlyDictionary<string, string> Refunds = Delivery.Topic(ShopifyBookingTests.TopicHeader, "refunds/create");
    private static readonly IReadOnlyDictionary<string, string> Orders = Delivery.Topic(ShopifyBookingTests.TopicHeader, "orders/create");

    [Theory, BothDatabases]
    public async Task RefundThatGaveUpOnItsOrder_IsBookedWhenTheOrderIsBookedDaysLater(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify");
        var (ours, other) = await FailForWantOfTheirOrdersAsync(world);

        world.Clock.Advance(TimeSpan.FromDays(3));
        var sale = await world.DeliverFixtureAsync("shopify/order.rest-fixture.json", Orders);
        Assert.Equal(PayloadStatus.Succeeded, sale.Status);

        var booked = await world.SettledAsync(ours.PayloadId, PayloadStatus.Succeeded);
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal(booked.DocumentId, (string?)credit["Id"]);
        Assert.Equal(0, await KeptAsync(database, ours.PayloadId));

        // The accountant sees why a failed refund got booked with no one replaying it.
        var audit = await world.Services.GetRequiredService<AuditLogStore>()
            .ListAsync(new AuditFilter { OrganizationId = world.Organization.OrganizationId, Action = "payload.revived" }, new(1, 50), default);
        var revived = Assert.Single(audit.Items);
        Assert.Equal(ours.PayloadId, revived.TargetId);
        Assert.Equal("system", revived.ActorType);

        // The refund of an order never booked stays failed. Replayed by hand, it forgets what it waited for, and keeps it
        // again, as of now, when its wait ends again (at once: its time limit is long past).
        Assert.Equal(PayloadStatus.Failed, (await world.SettledAsync(other.PayloadId)).Status);
        var keptAt = await KeptAtAsync(database, other.PayloadId);
        world.Clock.Advance(TimeSpan.FromHours(1));
        using (var replay = await world.Client.PostAsync($"/api/v1/org/{world.Slug}/payloads/{other.PayloadId}/replay", null))
        {
            replay.EnsureSuccessStatusCode();
        }

        await Eventually.GetAsync(() => KeptAtAsync(database, other.PayloadId), at => at > keptAt);
        Assert.Equal(PayloadStatus.Failed, (await world.SettledAsync(other.PayloadId)).Status);

        // What it waits for is kept as long as payloads are.
        await world.Services.GetServices<IRetentionTask>().OfType<ExpiredSaleWaitPurge>().Single().RunAsync(default);
        Assert.Equal(1, await KeptAsync(database, other.PayloadId));
        // Past the payloads' retention (that clock alone: the world's timers would fire for every period in between).
        var retention = new RetentionOptions();
        var yearOn = new FakeTimeProvider(world.Clock.GetUtcNow().AddDays(retention.PayloadDays + 1));
        await new ExpiredSaleWaitPurge(world.Services.GetRequiredService<WebhookStore>(), retention, yearOn).RunAsync(default);
        Assert.Equal(0, await KeptAsync(database, other.PayloadId));
    }

    [Theory, BothDatabases]
    public async Task RefundThatGaveUpOnItsOrder_WhenTheOrdersWakeUpFails_IsRevivedByTheSweep(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var logs = new LogCapture();
        await using var world = await PipelineWorld.StartAsync(database, "shopify", overrides: logs.Install);
        var (ours, other) = await FailForWantOfTheirOrdersAsync(world);

        // The order's outcome commits; reviving the refund after it fails (the database refuses it).
        Delivered sale;
        await using (await TestTrigger.RefuseRevivalAsync(database, world.Organization.OrganizationId))
        {
            sale = await world.DeliverWhileItsWakeUpFailsAsync(logs, File.ReadAllText(Fixtures.Path("shopify/order.rest-fixture.json")), Orders);
            // Read while the revival is still refused: the clock moves while the delivery waits, and a sweep could revive it after.
            Assert.Equal(PayloadStatus.Failed, (await world.SettledAsync(ours.PayloadId)).Status);
        }

        Assert.Equal(PayloadStatus.Succeeded, sale.Status);

        // The next sweep finds its order in the ledger and takes the refund up again.
        world.Clock.Advance(WaitingPayloadsSweep.Interval);
        var booked = await world.SettledAsync(ours.PayloadId, PayloadStatus.Succeeded);
        Assert.Equal(booked.DocumentId, (string?)Assert.Single(world.Entities("CreditMemo"))["Id"]);
        // The sweep counts the revival once its round is over, which may be after the refund is booked: the clock moves on
        // while the counter is read, as it does for the revival.
        await Eventually.GetAsync(() => PrometheusText.ScrapeAsync(world.Client), s => s.Value("ai_sweeps_recovered_total", ("what", "expired_sale_wait")) >= 1,
            betweenReads: world.Pump.Tick);
        Assert.Equal(PayloadStatus.Failed, (await world.SettledAsync(other.PayloadId)).Status);
        Assert.Equal(1, await KeptAsync(database, other.PayloadId));
    }

    [Theory, BothDatabases]
    public async Task CancellationBeforeItsOrder_IsSkippedAtOnce_AndVoidsTheOrderBookedLater(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify");
        var order = Delivery.Fixture("shopify/order.rest-fixture.json");
        var cancelled = order.DeepClone();
        cancelled["cancelled_at"] = "2008-01-10T12:00:00-05:00";
        cancelled["cancel_reason"] = "customer";
        cancelled["financial_status"] = "voided";
        var cancel = await world.DeliverAsync(cancelled.ToJsonString(), Delivery.Topic(ShopifyBookingTests.TopicHeader, "orders/cancelled"));
        // No sale is booked, so nothing needs voiding: the cancellation does not sit a day among the waiting payloads.
        Assert.Equal(PayloadStatus.Skipped, cancel.Status);
        Assert.StartsWith("EVENT_IGNORED", cancel.LastError);
        Assert.Contains("nothing to void", cancel.LastError);
        Assert.Equal(1, await KeptAsync(database, cancel.PayloadId));

        // The order's own webhook comes two days late: it is booked, and the cancellation taken up again voids it.
        world.Clock.Advance(TimeSpan.FromDays(2));
        var sale = await world.DeliverAsync(order.ToJsonString(), Orders);
        Assert.Equal(PayloadStatus.Succeeded, sale.Status);
        Assert.Equal(PayloadStatus.Succeeded, (await world.SettledAsync(cancel.PayloadId, PayloadStatus.Succeeded)).Status);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(0m, (decimal)invoice["TotalAmt"]!);
        Assert.Contains("Voided", (string?)invoice["PrivateNote"] ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        Assert.All((await world.LedgerAsync()).Values, balance => Assert.Equal(0m, balance));
    }

    /// <summary>Shopify's sample refund, and one of an order never booked, each failed after waiting a day for its order.</summary>
    private static async Task<(Delivered Ours, Delivered Other)> FailForWantOfTheirOrdersAsync(PipelineWorld world)
    {
        var ours = await world.DeliverFixtureAsync("shopify/refunds-create.rest-fixture.json", Refunds);
        var other = await world.DeliverAsync(ShopifyBookingTests.RefundOfAnotherOrder(509562970, 990000001).ToJsonString(), Refunds);
        world.Clock.Advance(TimeSpan.FromHours(25));
        foreach (var refund in new[] { ours, other })
        {
            var failed = await world.SettledAsync(refund.PayloadId, PayloadStatus.Failed);
            Assert.StartsWith("DEPENDENCY_MISSING", failed.LastError);
        }

        return (ours, other);
    }

    /// <summary>1 while the payload is kept to be revived (under each name its sale may be linked by), 0 when not.</summary>
    private static Task<long> KeptAsync(TestDatabase database, string payloadId) =>
        Sql.CountAsync(database.Database, "SELECT COUNT(DISTINCT payload_id) FROM expired_sale_waits WHERE payload_id = @PayloadId", new { PayloadId = payloadId });

    /// <summary>When the payload's wait for its sale last ended, as kept.</summary>
    private static Task<DateTime?> KeptAtAsync(TestDatabase database, string payloadId) =>
        Sql.ScalarAsync<DateTime?>(database.Database, "SELECT MIN(expired_at) FROM expired_sale_waits WHERE payload_id = @PayloadId", new { PayloadId = payloadId });
}
