using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Payments that name the same order or subscription are each a sale of their own: a Square order paid by card and in
/// cash, a PayPal order captured in two parts, a PayPal subscription's monthly payments. The order or subscription is a
/// name they share, not another name of the first: each is booked, and a refund of the second goes back on the second.
/// </summary>
public sealed class PaymentsSharingAnOrderTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Square_OrderPaidByCardAndInCash_BooksBothPayments_AndRefundsTheCash(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "square");

        var card = await world.DeliverAsync(SquarePayment("evt-card", "PAY-CARD", 3000, "CARD").ToJsonString());
        var cash = await world.DeliverAsync(SquarePayment("evt-cash", "PAY-CASH", 2000, "CASH").ToJsonString());
        var refund = Delivery.Fixture("square/refund.updated.json");
        refund["event_id"] = "evt-cash-refund";
        refund["data"]!["object"]!["refund"]!["payment_id"] = "PAY-CASH";
        refund["data"]!["object"]!["refund"]!["order_id"] = "ORDER-SPLIT";
        refund["data"]!["object"]!["refund"]!["amount_money"]!["amount"] = 500;
        var refunded = await world.DeliverAsync(refund.ToJsonString());

        foreach (var delivered in new[] { card, cash, refunded })
        {
            Assert.True(delivered.Status == PayloadStatus.Succeeded, delivered.ToString());
        }

        Assert.NotEqual(card.DocumentId, cash.DocumentId);
        Assert.Equal([20.00m, 30.00m], world.Entities("Invoice").Select(invoice => (decimal)invoice["TotalAmt"]!).Order());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(5.00m, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(cash.DocumentId, (string?)receipt["LinkedTxn"]![0]!["TxnId"]);
        var ledger = await world.LedgerAsync();
        Assert.Equal(45.00m, ledger["Undeposited Funds"]);
        Assert.Equal(0m, ledger["Accounts Receivable (A/R)"]);
    }

    [Theory, BothDatabases]
    public async Task PayPal_OrderCapturedInTwoParts_BooksBothCaptures(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paypal");

        var first = await world.DeliverAsync(PayPalCapture("WH-CAPTURE-1", "CAPTURE-1", "60.00", finalCapture: false).ToJsonString());
        var second = await world.DeliverAsync(PayPalCapture("WH-CAPTURE-2", "CAPTURE-2", "40.00", finalCapture: true).ToJsonString());
        var again = await world.DeliverAsync(PayPalCapture("WH-CAPTURE-2-AGAIN", "CAPTURE-2", "40.00", finalCapture: true).ToJsonString());

        foreach (var delivered in new[] { first, second, again })
        {
            Assert.True(delivered.Status == PayloadStatus.Succeeded, delivered.ToString());
        }

        Assert.NotEqual(first.DocumentId, second.DocumentId);
        Assert.Equal(second.DocumentId, again.DocumentId);
        Assert.Equal([40.00m, 60.00m], world.Entities("Invoice").Select(invoice => (decimal)invoice["TotalAmt"]!).Order());
        Assert.Equal(100.00m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    [Theory, BothDatabases]
    public async Task PayPal_SubscriptionRenewals_AreEachBooked_AndTheSecondsRefundGoesBackOnIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paypal");

        var january = await world.DeliverAsync(SubscriptionSale("WH-JAN", "SALE-JAN").ToJsonString());
        var february = await world.DeliverAsync(SubscriptionSale("WH-FEB", "SALE-FEB").ToJsonString());
        var refunded = await world.DeliverAsync(JsonNode.Parse("""
            {
              "id": "WH-FEB-REFUND",
              "create_time": "2026-02-03T10:00:00Z",
              "resource_type": "refund",
              "event_type": "PAYMENT.SALE.REFUNDED",
              "resource": {
                "id": "REFUND-FEB",
                "sale_id": "SALE-FEB",
                "amount": { "total": "9.99", "currency": "USD" },
                "state": "completed",
                "create_time": "2026-02-03T09:59:00Z"
              }
            }
            """)!.ToJsonString());

        foreach (var delivered in new[] { january, february, refunded })
        {
            Assert.True(delivered.Status == PayloadStatus.Succeeded, delivered.ToString());
        }

        Assert.NotEqual(january.DocumentId, february.DocumentId);
        Assert.Equal(2, world.Entities("Invoice").Count);
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(february.DocumentId, (string?)receipt["LinkedTxn"]![0]!["TxnId"]);
        Assert.Equal(9.99m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    private static JsonNode SquarePayment(string eventId, string paymentId, long cents, string sourceType)
    {
        var body = Delivery.Fixture("square/payment.updated.json");
        body["event_id"] = eventId;
        body["data"]!["id"] = paymentId;
        var payment = body["data"]!["object"]!["payment"]!.AsObject();
        payment["id"] = paymentId;
        payment["order_id"] = "ORDER-SPLIT";
        payment["source_type"] = sourceType;
        foreach (var money in new[] { "amount_money", "total_money", "approved_money" })
        {
            if (payment[money] is JsonObject stated)
            {
                stated["amount"] = cents;
            }
        }

        payment.Remove("tip_money");
        return body;
    }

    private static JsonNode PayPalCapture(string notificationId, string captureId, string amount, bool finalCapture)
    {
        var body = Delivery.Fixture("paypal/PAYMENT.CAPTURE.COMPLETED.json");
        body["id"] = notificationId;
        var capture = body["resource"]!.AsObject();
        capture["id"] = captureId;
        capture["amount"]!["value"] = amount;
        capture["final_capture"] = finalCapture;
        capture.Remove("seller_receivable_breakdown");
        capture["supplementary_data"] = JsonNode.Parse("""{ "related_ids": { "order_id": "ORDER-IN-PARTS" } }""");
        return body;
    }

    private static JsonNode SubscriptionSale(string notificationId, string saleId) => JsonNode.Parse($$"""
        {
          "id": "{{notificationId}}",
          "create_time": "2026-01-17T22:45:35.950Z",
          "resource_type": "sale",
          "event_type": "PAYMENT.SALE.COMPLETED",
          "resource": {
            "billing_agreement_id": "I-SUBSCRIPTION",
            "amount": { "total": "9.99", "currency": "USD", "details": { "subtotal": "9.99" } },
            "create_time": "2026-01-17T22:44:02Z",
            "id": "{{saleId}}",
            "state": "completed"
          }
        }
        """)!;
}
