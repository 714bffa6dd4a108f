using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Disputes: Stripe withdraws the disputed amount (a chargeback, booked as a refund of the sale's share) and, when the
/// merchant wins, reinstates it weeks later. The money came back, so the books must show it back: income and tax, in the
/// period it came back, without touching the chargeback booked in an earlier one.
/// </summary>
public sealed partial class StripeBookingTests
{
    private const string Dispute = "dp_1QdisputedCharge0001";

    /// <summary>
    /// The taxed invoice (32.48, 2.48 of tax) paid and booked, disputed in full: the withdrawal is a refund receipt giving
    /// back its income and tax, on 3 April. The dispute won, the funds reinstated on 31 May: a sales receipt of the same
    /// lines and tax, dated 31 May, and the ledger is the sale's again (the tax on the company's sales tax item, as the sale's), while the refund receipt stays in April. Told again,
    /// the reinstatement finds it booked. A refund of 10.00 after it is that share of the sale, its tax among it: the
    /// reinstated chargeback no longer counts among the refunds so far.
    /// </summary>
    [Theory, BothDatabases]
    public async Task DisputeWon_FundsReinstated_BookASalesReceiptOfTheChargeback_AndTheLedgerIsTheSalesAgain(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookTaxedInvoiceAsync(world);
        var sale = await world.LedgerAsync();

        var withdrawn = await world.DeliverAsync(DisputeEvent("charge.dispute.funds_withdrawn", "needs_response", "evt_1QdisputeWithdrawn01", reinstated: false));
        Assert.True(withdrawn.Status == PayloadStatus.Succeeded, withdrawn.ToString());
        var chargeback = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(32.48m, (decimal)chargeback["TotalAmt"]!);
        Assert.Equal("2022-04-03", (string?)chargeback["TxnDate"]);
        Assert.Equal(0m, (await world.LedgerAsync())["Sales Tax Payable"]);

        var reinstated = await world.DeliverAsync(DisputeEvent("charge.dispute.funds_reinstated", "won", "evt_1QdisputeReinstated1", reinstated: true));

        Assert.True(reinstated.Status == PayloadStatus.Succeeded, reinstated.ToString());
        var receipt = Assert.Single(world.Entities("SalesReceipt"));
        Assert.Equal(reinstated.DocumentId, (string?)receipt["Id"]);
        Assert.Equal(32.48m, (decimal)receipt["TotalAmt"]!);
        Assert.True(TaxOn(receipt) == 2.48m, receipt.ToJsonString());
        Assert.Equal("2022-05-31", (string?)receipt["TxnDate"]);
        Assert.Contains($"Refund {Dispute}", (string?)receipt["PrivateNote"], StringComparison.Ordinal);
        Assert.Contains("dispute won", (string?)receipt["PrivateNote"], StringComparison.Ordinal);
        Assert.Equal((string?)Assert.Single(world.Entities("Invoice"))["CustomerRef"]!["value"], (string?)receipt["CustomerRef"]!["value"]);
        var kept = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(((string?)chargeback["Id"], "2022-04-03"), ((string?)kept["Id"], (string?)kept["TxnDate"]));
        var after = await world.LedgerAsync();
        foreach (var account in new[] { "Services", "Sales Tax Payable", "Undeposited Funds", "Accounts Receivable (A/R)" })
        {
            Assert.True(sale[account] == after[account], $"{account}: {after[account]}, the sale booked {sale[account]}");
        }

        var toldAgain = await world.DeliverAsync(DisputeEvent("charge.dispute.funds_reinstated", "won", "evt_1QdisputeReinstated2", reinstated: true));
        Assert.True(toldAgain.Status == PayloadStatus.Succeeded, toldAgain.ToString());
        var documents = JsonNode.Parse(toldAgain.Detail.GetProperty("syncLogs")[0].GetProperty("responsePayload").GetString()!)!["documents"]!.AsArray();
        var done = Assert.Single(documents);
        Assert.True((bool)done!["alreadyBooked"]! && (string?)done["role"] == $"reinstated:{Dispute}", done.ToJsonString());
        Assert.Single(world.Entities("SalesReceipt"));

        var refund = await world.DeliverAsync(RefundEvent("refund.created", "succeeded", "evt_3QrefundCreated001"));
        Assert.True(refund.Status == PayloadStatus.Succeeded, refund.ToString());
        var refunded = Assert.Single(world.Entities("RefundReceipt"), document => (string?)document["Id"] == refund.DocumentId);
        Assert.Equal(10.00m, (decimal)refunded["TotalAmt"]!);
        Assert.True(TaxOn(refunded) == 0.76m, refunded.ToJsonString());
    }

    /// <summary>
    /// A dispute of the whole payment, reinstated before its withdrawal was ever booked (the withdrawal's delivery lost, or
    /// ignored by a layer): the reinstatement is money that came in all the same, its share of the sale, and booked so.
    /// </summary>
    [Theory, BothDatabases]
    public async Task FundsReinstated_WithoutItsWithdrawalBooked_IsStillTheMoneyBack(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookTaxedInvoiceAsync(world);
        var sale = await world.LedgerAsync();

        var reinstated = await world.DeliverAsync(DisputeEvent("charge.dispute.funds_reinstated", "won", "evt_1QdisputeReinstated1", reinstated: true));

        Assert.True(reinstated.Status == PayloadStatus.Succeeded, reinstated.ToString());
        Assert.Empty(world.Entities("RefundReceipt"));
        var receipt = Assert.Single(world.Entities("SalesReceipt"));
        Assert.Equal(2.48m, TaxOn(receipt));
        Assert.Equal(sale["Undeposited Funds"] + 32.48m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>The tax a document books: on the US company's "Sales tax" item, as the sale's was, and any QBO computed.</summary>
    private static decimal TaxOn(JsonObject document) =>
        document["Line"]!.AsArray().Where(line => (string?)line!["SalesItemLineDetail"]?["ItemRef"]?["name"] == "Sales tax").Sum(line => (decimal)line!["Amount"]!)
        + ((decimal?)document["TxnTaxDetail"]?["TotalTax"] ?? 0m);

    /// <summary>
    /// A dispute of the taxed invoice's charge: <paramref name="reinstated"/> lists the withdrawal (3 April 2022, with the
    /// 15.00 fee) and the reinstatement (31 May 2022, the fee given back), as Stripe's dispute object does once both happened.
    /// </summary>
    private static string DisputeEvent(string type, string status, string eventId, bool reinstated) => $$"""
        {
          "id": "{{eventId}}", "object": "event", "api_version": "2024-12-18.acacia", "created": 1654000100, "type": "{{type}}",
          "data": { "object": {
            "id": "{{Dispute}}", "object": "dispute", "amount": 3248, "currency": "usd", "status": "{{status}}", "reason": "product_not_received",
            "charge": "ch_000000000000000000000000", "payment_intent": "pi_000000000000000000000000",
            "balance_transactions": [
              { "id": "txn_1QdisputeWithdrawal1", "object": "balance_transaction", "amount": -3248, "currency": "usd", "fee": 1500, "net": -4748,
                "created": 1649000000, "reporting_category": "dispute", "type": "adjustment" }
              {{(reinstated ? """
              , { "id": "txn_1QdisputeReinstated1", "object": "balance_transaction", "amount": 3248, "currency": "usd", "fee": -1500, "net": 4748,
                "created": 1654000000, "reporting_category": "dispute_reversal", "type": "adjustment" }
              """ : string.Empty)}}
            ]
          } }
        }
        """;
}
