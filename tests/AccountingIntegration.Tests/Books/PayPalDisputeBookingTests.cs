using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// PayPal chargebacks, end to end against the sandbox. A card chargeback reverses the capture when it is filed
/// (PAYMENT.CAPTURE.REVERSED, booked like a refund); won, PayPal gives the money back, and only CUSTOMER.DISPUTE.RESOLVED
/// tells it. The books must show it back in the period it came back, leaving the reversal in its own. A claim opened
/// with PayPal only held the funds: its resolution books nothing.
/// </summary>
public sealed class PayPalDisputeBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string Capture = "5VK462069F664902F";

    /// <summary>
    /// The fixture's 10.00 capture (17 October 2021), reversed for a chargeback on 2 November: a refund receipt. A claim
    /// opened with PayPal and decided for the seller books nothing. The chargeback won on 14 December: a sales receipt of
    /// the 10.00 to the sale's customer, dated then, the reversal left in November, and every account is the sale's again.
    /// Told again, it finds its sales receipt booked.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ChargebackWon_AfterItsReversal_BooksTheMoneyBack_AndTheLedgerIsTheSalesAgain(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paypal");
        var captured = await world.DeliverFixtureAsync("paypal/PAYMENT.CAPTURE.COMPLETED.json");
        Assert.True(captured.Status == PayloadStatus.Succeeded, captured.ToString());
        var sale = await world.LedgerAsync();

        var reversed = await world.DeliverAsync(Reversal);
        Assert.True(reversed.Status == PayloadStatus.Succeeded, reversed.ToString());
        var reversal = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((10.00m, "2021-11-02"), ((decimal)reversal["TotalAmt"]!, (string?)reversal["TxnDate"]));

        var claimWon = await world.DeliverAsync(Resolved("WH-CLAIM-RESOLVED-0001", "PP-D-27790", "INTERNAL", Capture));
        Assert.True(claimWon.Status == PayloadStatus.Skipped, claimWon.ToString());
        Assert.Empty(world.Entities("SalesReceipt"));

        var won = await world.DeliverAsync(Resolved("WH-CHARGEBACK-RESOLVED-0001", "PP-D-27803", "EXTERNAL", Capture));

        Assert.True(won.Status == PayloadStatus.Succeeded, won.ToString());
        var receipt = Assert.Single(world.Entities("SalesReceipt"));
        Assert.Equal(won.DocumentId, (string?)receipt["Id"]);
        Assert.Equal((10.00m, "2021-12-14"), ((decimal)receipt["TotalAmt"]!, (string?)receipt["TxnDate"]));
        Assert.Contains("Refund PP-D-27803", (string?)receipt["PrivateNote"], StringComparison.Ordinal);
        Assert.Contains("chargeback won", (string?)receipt["PrivateNote"], StringComparison.Ordinal);
        Assert.Equal((string?)Assert.Single(world.Entities("Invoice"))["CustomerRef"]!["value"], (string?)receipt["CustomerRef"]!["value"]);
        var kept = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(((string?)reversal["Id"], "2021-11-02"), ((string?)kept["Id"], (string?)kept["TxnDate"]));
        var after = await world.LedgerAsync();
        foreach (var account in sale.Keys.Union(after.Keys))
        {
            Assert.True(sale.GetValueOrDefault(account) == after.GetValueOrDefault(account),
                $"{account}: {after.GetValueOrDefault(account)}, the sale booked {sale.GetValueOrDefault(account)}");
        }

        var toldAgain = await world.DeliverAsync(Resolved("WH-CHARGEBACK-RESOLVED-0002", "PP-D-27803", "EXTERNAL", Capture));
        Assert.True(toldAgain.Status == PayloadStatus.Succeeded, toldAgain.ToString());
        var documents = JsonNode.Parse(toldAgain.Detail.GetProperty("syncLogs")[0].GetProperty("responsePayload").GetString()!)!["documents"]!.AsArray();
        var done = Assert.Single(documents);
        Assert.True((bool)done!["alreadyBooked"]! && (string?)done["role"] == "reinstated:PP-D-27803", done.ToJsonString());
        Assert.Single(world.Entities("SalesReceipt"));
    }

    /// <summary>
    /// A v1 checkout payment (30.11 with 0.07 of tax, shipping, handling and a shipping discount), its chargeback won before
    /// its reversal was ever booked: the dispute names the v1 sale's id, under which the payment's sale is found, and the money
    /// back is the whole sale, line for line, its tax among it, into Undeposited Funds.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ChargebackWon_OfAV1Sale_FindsItUnderTheSalesId_AndBooksTheWholeSaleBack(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paypal");
        var paid = await world.DeliverFixtureAsync("paypal/PAYMENTS.PAYMENT.CREATED.json");
        Assert.True(paid.Status == PayloadStatus.Succeeded, paid.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        var undeposited = (await world.LedgerAsync())["Undeposited Funds"];

        var won = await world.DeliverAsync(Resolved("WH-V1-CHARGEBACK-RESOLVED-1", "PP-D-30001", "EXTERNAL", "08U30449S6662931K", "30.11"));

        Assert.True(won.Status == PayloadStatus.Succeeded, won.ToString());
        var receipt = Assert.Single(world.Entities("SalesReceipt"));
        Assert.Equal((decimal)invoice["TotalAmt"]!, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(Lines(invoice), Lines(receipt));
        Assert.Contains(("Sales tax", 0.07m), Lines(receipt));
        Assert.Equal((string?)invoice["CustomerRef"]!["value"], (string?)receipt["CustomerRef"]!["value"]);
        Assert.Equal(undeposited + 30.11m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>A document's item lines, as (item, amount), in order.</summary>
    private static List<(string? Item, decimal Amount)> Lines(JsonObject document) =>
    [
        .. document["Line"]!.AsArray()
            .Where(line => (string?)line!["DetailType"] == "SalesItemLineDetail")
            .Select(line => ((string?)line!["SalesItemLineDetail"]!["ItemRef"]!["name"], (decimal)line["Amount"]!)),
    ];

    /// <summary>The capture's 10.00 reversed for a chargeback, as PAYMENT.CAPTURE.REVERSED carries it (a refund-shaped resource).</summary>
    private const string Reversal = """
        {
          "id": "WH-REVERSED-CHARGEBACK-0001",
          "event_version": "1.0",
          "create_time": "2021-11-02T08:15:00.000Z",
          "resource_type": "refund",
          "resource_version": "2.0",
          "event_type": "PAYMENT.CAPTURE.REVERSED",
          "summary": "A $ 10.00 USD capture payment was reversed",
          "resource": {
            "id": "REVERSAL-27803",
            "amount": { "value": "10.00", "currency_code": "USD" },
            "note_to_payer": "Payment reversed",
            "status": "COMPLETED",
            "create_time": "2021-11-02T01:14:00-07:00",
            "links": [{ "href": "https://api.sandbox.paypal.com/v2/payments/captures/5VK462069F664902F", "rel": "up", "method": "GET" }]
          }
        }
        """;

    /// <summary>A dispute of one transaction resolved for the seller on 14 December 2021.</summary>
    private static string Resolved(string eventId, string disputeId, string channel, string transactionId, string amount = "10.00") => $$"""
        {
          "id": "{{eventId}}",
          "create_time": "2021-12-14T19:02:43.000Z",
          "resource_type": "dispute",
          "event_type": "CUSTOMER.DISPUTE.RESOLVED",
          "summary": "A dispute was resolved with case # {{disputeId}}",
          "resource": {
            "dispute_id": "{{disputeId}}",
            "create_time": "2021-11-02T08:11:00.000Z",
            "update_time": "2021-12-14T18:59:21.000Z",
            "reason": "UNAUTHORISED",
            "status": "RESOLVED",
            "dispute_channel": "{{channel}}",
            "dispute_life_cycle_stage": "CHARGEBACK",
            "dispute_amount": { "currency_code": "USD", "value": "{{amount}}" },
            "dispute_outcome": { "outcome_code": "RESOLVED_SELLER_FAVOUR" },
            "disputed_transactions": [{ "seller_transaction_id": "{{transactionId}}", "seller_protection_eligible": true }]
          }
        }
        """;
}
