using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Refunds that did not go through: Stripe can fail a refund after it succeeded (the card expired or was reported lost),
/// and the money goes back to the merchant's Stripe balance. Whatever was booked for it is taken back.
/// </summary>
public sealed partial class StripeBookingTests
{
    private const string FailedRefund = "re_3QfailedLater000001";

    /// <summary>
    /// The taxed invoice (32.48, 2.48 of tax) paid and booked, 10.00 of it refunded and booked as a refund receipt, then
    /// that refund failed: its refund receipt is deleted (QBO voids no refund receipt), and the ledger is the sale's again,
    /// income, tax and the money waiting in Undeposited Funds. The same failure told again (refund.updated, status failed)
    /// finds it done and books nothing more.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundFailedAfterItWasBooked_TakesBackItsRefundReceipt_AndTheLedgerIsTheSalesAgain(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookTaxedInvoiceAsync(world);
        var sale = await world.LedgerAsync();

        var refund = await world.DeliverAsync(RefundEvent("refund.created", "succeeded", "evt_3QrefundCreated001"));
        Assert.True(refund.Status == PayloadStatus.Succeeded, refund.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(sale["Undeposited Funds"] - 10.00m, (await world.LedgerAsync())["Undeposited Funds"]);

        var failed = await world.DeliverAsync(RefundEvent("refund.failed", "failed", "evt_3QrefundFailed0001"));

        Assert.True(failed.Status == PayloadStatus.Succeeded, failed.ToString());
        Assert.Equal((string?)receipt["Id"], failed.DocumentId);
        Assert.Empty(world.Entities("RefundReceipt"));
        var after = await world.LedgerAsync();
        foreach (var account in new[] { "Services", "Sales Tax Payable", "Undeposited Funds", "Accounts Receivable (A/R)" })
        {
            Assert.True(sale[account] == after[account], $"{account}: {after[account]}, the sale booked {sale[account]}");
        }

        var links = await world.Services.GetRequiredService<LedgerStore>()
            .ListByDocumentAsync(world.Organization.OrganizationId, "RefundReceipt", (string)receipt["Id"]!, default);
        Assert.Contains(links, link => link.Role == $"refund:{FailedRefund}");
        Assert.Contains(links, link => link.Role == $"undone:refund:{FailedRefund}" && link.PayloadId == failed.PayloadId);
        Assert.All(links, link => Assert.Equal(LedgerStates.Deleted, link.State));

        var toldAgain = await world.DeliverAsync(RefundEvent("refund.updated", "failed", "evt_3QrefundUpdated001"));
        Assert.True(toldAgain.Status == PayloadStatus.Succeeded, toldAgain.ToString());
        var documents = JsonNode.Parse(toldAgain.Detail.GetProperty("syncLogs")[0].GetProperty("responsePayload").GetString()!)!["documents"]!.AsArray();
        var done = Assert.Single(documents);
        Assert.True((bool)done!["alreadyBooked"]! && (string?)done["role"] == $"undone:refund:{FailedRefund}", done.ToJsonString());
        Assert.Empty(world.Entities("RefundReceipt"));
        Assert.Single(world.Entities("Invoice"));
        Assert.Single(world.Entities("Payment"));
        Assert.Equal(after["Undeposited Funds"], (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>The usual failure: a refund that failed while it was pending was never booked, so nothing is taken back.</summary>
    [Theory, BothDatabases]
    public async Task RefundFailedBeforeItWasBooked_IsSkipped(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookTaxedInvoiceAsync(world);
        var sale = await world.LedgerAsync();

        var failed = await world.DeliverAsync(RefundEvent("refund.failed", "failed", "evt_3QrefundFailed0001"));

        Assert.True(failed.Status == PayloadStatus.Skipped && failed.LastError!.StartsWith("EVENT_IGNORED", StringComparison.Ordinal), failed.ToString());
        Assert.Contains("nothing was booked for it", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(world.Entities("RefundReceipt"));
        Assert.Equal(sale["Undeposited Funds"], (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>
    /// Stripe does not deliver in order: the failure came first, when nothing was booked for the refund (skipped), then the
    /// refund's own earlier event, succeeded, which books it. The failure stays the refund's last word: booking the refund
    /// takes the failure up again, and the refund receipt is deleted.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundFailedBeforeItsStaleSucceededEvent_TakesTheRefundBackOnceItIsBooked(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookTaxedInvoiceAsync(world);
        var sale = await world.LedgerAsync();
        var failed = await world.DeliverAsync(RefundEvent("refund.failed", "failed", "evt_3QrefundFailed0001"));
        Assert.True(failed.Status == PayloadStatus.Skipped && failed.LastError!.StartsWith("EVENT_IGNORED", StringComparison.Ordinal), failed.ToString());

        var stale = await world.DeliverAsync(RefundEvent("refund.created", "succeeded", "evt_3QrefundCreated001"));
        Assert.True(stale.Status == PayloadStatus.Succeeded, stale.ToString());

        var revived = await world.SettledAsync(failed.PayloadId, PayloadStatus.Succeeded, PayloadStatus.Failed);
        Assert.True(revived.Status == PayloadStatus.Succeeded, revived.ToString());
        Assert.Equal(stale.DocumentId, revived.DocumentId);
        Assert.Empty(world.Entities("RefundReceipt"));
        Assert.Equal(sale["Undeposited Funds"], (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>
    /// The failure came first (skipped), then the refund's stale succeeded event booked it, but the failure's wake-up after
    /// that commit was missed (refused here, as by an instance stopped just after the commit). The five-minute sweep finds
    /// the refund booked under the name the failure keeps, takes the failure up again, and the refund receipt is deleted;
    /// the next sweep finds nothing more to do.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundFailedBeforeItsStaleSucceededEvent_WhenTheRefundsWakeUpIsMissed_IsTakenBackByTheSweep(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var logs = new LogCapture();
        await using var world = await PipelineWorld.StartAsync(database, "stripe", overrides: logs.Install);
        await BookTaxedInvoiceAsync(world);
        var sale = await world.LedgerAsync();
        var failed = await world.DeliverAsync(RefundEvent("refund.failed", "failed", "evt_3QrefundFailed0001"));
        Assert.True(failed.Status == PayloadStatus.Skipped && failed.LastError!.StartsWith("EVENT_IGNORED", StringComparison.Ordinal), failed.ToString());

        var (stale, revived) = await BookWithItsWakeUpMissed_ThenSweepAsync(database, world, logs, failed,
            RefundEvent("refund.created", "succeeded", "evt_3QrefundCreated001"));

        Assert.Equal(stale.DocumentId, revived.DocumentId);
        Assert.Empty(world.Entities("RefundReceipt"));
        Assert.Equal(sale["Undeposited Funds"], (await world.LedgerAsync())["Undeposited Funds"]);
        var audit = await world.Services.GetRequiredService<AuditLogStore>()
            .ListAsync(new AuditFilter { OrganizationId = world.Organization.OrganizationId, Action = "payload.revived" }, new(1, 50), default);
        Assert.Equal(failed.PayloadId, Assert.Single(audit.Items).TargetId);

        Assert.Equal(0, await world.Services.GetRequiredService<ReviveExpiredSaleWaits>().SweepAsync(world.Organization.OrganizationId, default));
        Assert.Equal(0L, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM expired_sale_waits WHERE payload_id = @PayloadId", new { failed.PayloadId }));
    }

    /// <summary>
    /// A refund booked, as the organization chose, as a credit memo applied to the invoice (left owing 10.00), then failed:
    /// the zero payment applying it is voided and the credit memo deleted (QBO voids no credit memo), so the invoice owes
    /// its 10.00 again, as in Stripe, where the money went back to the merchant.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundFailedAfterItWasBookedAsACreditMemo_TakesBackItsCreditAndItsApplication(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await world.Services.GetRequiredService<MappingStore>().CreateOverrideAsync(
            world.Organization.OrganizationId, null, "refunds as credit", "[]", "{}", 10, default, """{ "refund.created": "credit_memo" }""");
        world.Services.GetRequiredService<MappingCache>().InvalidateAll();
        await BookTaxedInvoiceAsync(world, paidCents: 2248);
        var sale = await world.LedgerAsync();
        Assert.Equal(10.00m, sale["Accounts Receivable (A/R)"]);

        var refund = await world.DeliverAsync(RefundEvent("refund.created", "succeeded", "evt_3QrefundCreated001"));
        Assert.True(refund.Status == PayloadStatus.Succeeded, refund.ToString());
        Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal(0m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);

        var failed = await world.DeliverAsync(RefundEvent("refund.failed", "failed", "evt_3QrefundFailed0001"));

        Assert.True(failed.Status == PayloadStatus.Succeeded, failed.ToString());
        Assert.Empty(world.Entities("CreditMemo"));
        Assert.Equal(10.00m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
        var application = Assert.Single(world.Entities("Payment"), payment => (decimal)payment["TotalAmt"]! == 0m);
        Assert.StartsWith("Voided", (string?)application["PrivateNote"], StringComparison.Ordinal);
        var after = await world.LedgerAsync();
        foreach (var account in new[] { "Services", "Sales Tax Payable", "Undeposited Funds", "Accounts Receivable (A/R)" })
        {
            Assert.True(sale[account] == after[account], $"{account}: {after[account]}, the sale booked {sale[account]}");
        }
    }

    /// <summary>
    /// On API 2024-06-20 the charge no longer lists its refunds and a card refund has no event of its own: charge.refunded
    /// books 10.00 under the charge ({charge}:1000). Its failure, told by charge.refund.updated with the refund's own id, is
    /// the one refund of that charge booked for 10.00: its refund receipt is deleted and the ledger is the sale's again,
    /// where before the failure was skipped and the receipt left for a person to delete. Told again after another refund of
    /// 10.00 was booked, it finds what it took back and leaves the new refund alone.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundFailed_OnAnApiVersionThatBookedItUnderItsCharge_TakesBackTheOneRefundOfItsAmount(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookTaxedInvoiceAsync(world);
        var sale = await world.LedgerAsync();
        var refunded = await world.DeliverAsync(ChargeRefundedUnlisted(refundedBefore: 0, refundedNow: 1000), key: "charge-refunded-1");
        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        Assert.Single(world.Entities("RefundReceipt"));

        var failed = await world.DeliverAsync(RefundEvent("charge.refund.updated", "failed", "evt_3QrefundUpdatedOld1", "2024-06-20"));

        Assert.True(failed.Status == PayloadStatus.Succeeded, failed.ToString());
        Assert.Empty(world.Entities("RefundReceipt"));
        var after = await world.LedgerAsync();
        Assert.Equal((sale["Services"], sale["Sales Tax Payable"], sale["Undeposited Funds"]), (after["Services"], after["Sales Tax Payable"], after["Undeposited Funds"]));

        // Another refund of 10.00 on the charge, booked since: the failure told again finds what it took back, not this one.
        Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(ChargeRefundedUnlisted(refundedBefore: 1000, refundedNow: 2000), key: "charge-refunded-2")).Status);
        var toldAgain = await world.DeliverAsync(RefundEvent("refund.updated", "failed", "evt_3QrefundUpdatedOld2", "2024-06-20"));
        Assert.True(toldAgain.Status == PayloadStatus.Succeeded, toldAgain.ToString());
        Assert.Contains("\"alreadyBooked\":true", toldAgain.Detail.GetProperty("syncLogs")[0].GetProperty("responsePayload").GetString(), StringComparison.Ordinal);
        Assert.Equal(10.00m, (decimal)Assert.Single(world.Entities("RefundReceipt"))["TotalAmt"]!);
        Assert.Equal(after["Undeposited Funds"] - 10.00m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>
    /// Two refunds of 10.00 booked under the charge cannot be told apart by the failure of one: nothing is taken back, and
    /// the reason says which receipt to delete by hand.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundFailed_OnAnApiVersionThatBookedItUnderItsCharge_WithTwoRefundsOfItsAmount_TakesNothingBack(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookTaxedInvoiceAsync(world);
        Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(ChargeRefundedUnlisted(0, 1000), key: "charge-refunded-1")).Status);
        Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(ChargeRefundedUnlisted(1000, 2000), key: "charge-refunded-2")).Status);

        var failed = await world.DeliverAsync(RefundEvent("charge.refund.updated", "failed", "evt_3QrefundUpdatedOld3", "2024-06-20"));

        Assert.True(failed.Status == PayloadStatus.Skipped, failed.ToString());
        Assert.Contains("no one refund of 10.00 on charge ch_000000000000000000000000 stands booked", failed.Detail.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, world.Entities("RefundReceipt").Count);
    }

    /// <summary>
    /// On API 2024-06-20 the failure (charge.refund.updated, with the refund's own id) came before the charge.refunded that
    /// books the refund under its charge: nothing was booked for it (skipped). charge.refunded then books 10.00 under the
    /// charge ({charge}:1000); a refund so booked is known by its charge and amount, which its failure waits under too, so
    /// booking it takes the failure up again, and the refund receipt is deleted.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundFailedBeforeTheChargeRefundedThatBooksItUnderItsCharge_TakesTheRefundBackOnceItIsBooked(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookTaxedInvoiceAsync(world);
        var sale = await world.LedgerAsync();
        var failed = await world.DeliverAsync(RefundEvent("charge.refund.updated", "failed", "evt_3QrefundUpdatedOld1", "2024-06-20"));
        Assert.True(failed.Status == PayloadStatus.Skipped && failed.LastError!.StartsWith("EVENT_IGNORED", StringComparison.Ordinal), failed.ToString());

        var refunded = await world.DeliverAsync(ChargeRefundedUnlisted(refundedBefore: 0, refundedNow: 1000), key: "charge-refunded-1");
        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());

        var revived = await world.SettledAsync(failed.PayloadId, PayloadStatus.Succeeded, PayloadStatus.Failed);
        Assert.True(revived.Status == PayloadStatus.Succeeded, revived.ToString());
        Assert.Equal(refunded.DocumentId, revived.DocumentId);
        Assert.Empty(world.Entities("RefundReceipt"));
        var after = await world.LedgerAsync();
        Assert.Equal((sale["Services"], sale["Sales Tax Payable"], sale["Undeposited Funds"]), (after["Services"], after["Sales Tax Payable"], after["Undeposited Funds"]));
    }

    /// <summary>
    /// Before API 2022-11-15 charge.refunded lists the charge's refunds by id and books them under the charge. The failure
    /// came first (skipped), then charge.refunded listing the refund booked it, but the failure's wake-up after that commit
    /// was missed. The refund receipt is linked under the refund's own name as well, so the five-minute sweep finds the
    /// refund booked, takes the failure up again, and the receipt is deleted; the next sweep finds nothing more to do.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundFailedBeforeTheChargeListingItWasBooked_WhenTheRefundsWakeUpIsMissed_IsTakenBackByTheSweep(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var logs = new LogCapture();
        await using var world = await PipelineWorld.StartAsync(database, "stripe", overrides: logs.Install);
        await BookTaxedInvoiceAsync(world);
        var sale = await world.LedgerAsync();
        var failed = await world.DeliverAsync(RefundEvent("charge.refund.updated", "failed", "evt_3QrefundUpdatedOld4", "2020-08-27"));
        Assert.True(failed.Status == PayloadStatus.Skipped && failed.LastError!.StartsWith("EVENT_IGNORED", StringComparison.Ordinal), failed.ToString());

        var (refunded, revived) = await BookWithItsWakeUpMissed_ThenSweepAsync(database, world, logs, failed, ChargeRefundedListing(FailedRefund, 1000));

        Assert.Equal(refunded.DocumentId, revived.DocumentId);
        Assert.Empty(world.Entities("RefundReceipt"));
        var after = await world.LedgerAsync();
        foreach (var account in new[] { "Services", "Sales Tax Payable", "Undeposited Funds", "Accounts Receivable (A/R)" })
        {
            Assert.True(sale[account] == after[account], $"{account}: {after[account]}, the sale booked {sale[account]}");
        }

        Assert.Equal(0, await world.Services.GetRequiredService<ReviveExpiredSaleWaits>().SweepAsync(world.Organization.OrganizationId, default));
    }

    /// <summary>
    /// charge.refunded as API versions before 2022-11-15 send it for the taxed invoice's charge: <paramref name="cents"/>
    /// refunded by refund <paramref name="refundId"/>, which the charge lists by id.
    /// </summary>
    private static string ChargeRefundedListing(string refundId, long cents)
    {
        var refunded = Delivery.Fixture("stripe/charge.refunded.json");
        refunded["id"] = $"evt_3QchargeListing{cents:D6}";
        var charge = refunded["data"]!["object"]!;
        (charge["amount"], charge["amount_captured"], charge["amount_refunded"], charge["refunded"]) = (3248, 3248, cents, cents == 3248);
        (charge["refunds"]!["data"]![0]!["id"], charge["refunds"]!["data"]![0]!["amount"]) = (refundId, cents);
        return refunded.ToJsonString();
    }

    /// <summary>
    /// charge.refunded as API versions 2022-11-15 to 2024-09-30 send it for the taxed invoice's charge: the charge without its
    /// refunds, and how much was refunded before in <c>previous_attributes</c>.
    /// </summary>
    private static string ChargeRefundedUnlisted(long refundedBefore, long refundedNow)
    {
        var refunded = Delivery.Fixture("stripe/charge.refunded.json");
        refunded["api_version"] = "2024-06-20";
        refunded["id"] = $"evt_3QchargeRefunded{refundedNow:D6}";
        var charge = refunded["data"]!["object"]!.AsObject();
        charge.Remove("refunds");
        (charge["amount"], charge["amount_captured"], charge["amount_refunded"], charge["refunded"]) = (3248, 3248, refundedNow, refundedNow == 3248);
        refunded["data"]!["previous_attributes"] = new JsonObject { ["amount_refunded"] = refundedBefore };
        return refunded.ToJsonString();
    }

    /// <summary>A Refund object of 10.00 on the taxed invoice's charge, as API 2024-10-28 onwards sends it.</summary>
    private static string RefundEvent(string type, string status, string eventId, string apiVersion = "2024-12-18.acacia") => $$"""
        {
          "id": "{{eventId}}", "object": "event", "api_version": "{{apiVersion}}", "created": 1648406400, "type": "{{type}}",
          "data": { "object": {
            "id": "{{FailedRefund}}", "object": "refund", "amount": 1000, "charge": "ch_000000000000000000000000", "created": 1648406400,
            "currency": "usd", "payment_intent": "pi_000000000000000000000000", "status": "{{status}}",
            "failure_reason": {{(status == "failed" ? "\"expired_or_canceled_card\"" : "null")}}
          } }
        }
        """;

    /// <summary>
    /// Delivers <paramref name="booking"/>, which books the refund <paramref name="failed"/> waits for, while the failure's
    /// revival is refused (its wake-up after the commit missed, as by an instance stopped just after it), then runs the
    /// five-minute sweep; returns the booking and the failure once the sweep took it up again.
    /// </summary>
    private static async Task<(Delivered Booking, Delivered Revived)> BookWithItsWakeUpMissed_ThenSweepAsync(
        TestDatabase database, PipelineWorld world, LogCapture logs, Delivered failed, string booking)
    {
        Delivered booked;
        await using (await TestTrigger.RefuseRevivalAsync(database, world.Organization.OrganizationId))
        {
            booked = await world.DeliverWhileItsWakeUpFailsAsync(logs, booking);
            // Read while the revival is still refused: the clock moves while the delivery waits, and a sweep could revive it after.
            Assert.Equal(PayloadStatus.Skipped, (await world.SettledAsync(failed.PayloadId)).Status);
            Assert.Single(world.Entities("RefundReceipt"));
        }

        Assert.True(booked.Status == PayloadStatus.Succeeded, booked.ToString());
        world.Clock.Advance(WaitingPayloadsSweep.Interval);
        var revived = await world.SettledAsync(failed.PayloadId, PayloadStatus.Succeeded, PayloadStatus.Failed);
        Assert.True(revived.Status == PayloadStatus.Succeeded, revived.ToString());
        return (booked, revived);
    }
}
