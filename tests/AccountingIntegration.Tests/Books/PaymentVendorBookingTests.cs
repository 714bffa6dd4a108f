using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Every Paddle, PayPal and Square fixture, end to end against the sandbox (the demo company: US dollars, one
/// currency). Paid sales become invoices with their payment; notices, pending refunds and disputes book nothing; a
/// foreign-currency sale is refused with its reason. Expected values come from the fixtures' own total fields.
/// </summary>
public sealed class PaymentVendorBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Paddle_BooksTheCompletedTransaction_AndNothingElse(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paddle");
        var totals = Delivery.Fixture("paddle/transaction.completed.json")["data"]!["details"]!["totals"]!;

        var sale = await world.DeliverFixtureAsync("paddle/transaction.completed.json");

        AssertPaidInvoice(world, sale, Delivery.Cents(totals["grand_total"]));
        foreach (var fixture in new[] { "paddle/transaction.paid.json", "paddle/adjustment.created.json", "paddle/customer.created.json" })
        {
            AssertIgnored(await world.DeliverFixtureAsync(fixture), fixture);
        }

        Assert.Single(world.Entities("Invoice"));
        Assert.Equal(Delivery.Cents(totals["grand_total"]), (await world.LedgerAsync())["Undeposited Funds"]);
    }

    [Theory, BothDatabases]
    public async Task PayPal_BooksCapturesAndPayments_AndRefusesEurosInADollarCompany(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paypal");
        var capture = Delivery.Amount(Delivery.Fixture("paypal/PAYMENT.CAPTURE.COMPLETED.json")["resource"]!["amount"]!["value"]);
        var payment = Delivery.Amount(Delivery.Fixture("paypal/PAYMENTS.PAYMENT.CREATED.json")["resource"]!["transactions"]![0]!["amount"]!["total"]);

        AssertPaidInvoice(world, await world.DeliverFixtureAsync("paypal/PAYMENT.CAPTURE.COMPLETED.json"), capture);
        AssertPaidInvoice(world, await world.DeliverFixtureAsync("paypal/PAYMENTS.PAYMENT.CREATED.json"), payment);
        AssertIgnored(await world.DeliverFixtureAsync("paypal/BILLING.PLAN.CREATED.json"), "BILLING.PLAN.CREATED");
        var euros = await world.DeliverFixtureAsync("paypal/PAYMENT.CAPTURE.COMPLETED.eur-sandbox.json");

        Assert.Equal(PayloadStatus.Failed, euros.Status);
        Assert.StartsWith("BOOKING_REFUSED", euros.LastError);
        Assert.Contains("EUR", euros.LastError);
        Assert.Equal(2, world.Entities("Invoice").Count);
        Assert.Equal(capture + payment, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    [Theory, BothDatabases]
    public async Task Square_BooksThePayment_AndARefundOfAnotherPaymentWaitsThenFails(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "square");
        var paid = Delivery.Cents(Delivery.Fixture("square/payment.updated.json")["data"]!["object"]!["payment"]!["total_money"]!["amount"]);

        AssertPaidInvoice(world, await world.DeliverFixtureAsync("square/payment.updated.json"), paid);
        foreach (var fixture in new[] { "square/refund.created.json", "square/dispute.created.json", "square/order.updated.json", "square/webhooks.test_notification.json" })
        {
            AssertIgnored(await world.DeliverFixtureAsync(fixture), fixture);
        }

        // refund.updated refunds a payment this company never booked: it waits for it, then fails with the reason.
        var refund = await world.DeliverFixtureAsync("square/refund.updated.json");
        Assert.Equal(PayloadStatus.WaitingDependency, refund.Status);
        world.Clock.Advance(TimeSpan.FromHours(25));
        var expired = await world.SettledAsync(refund.PayloadId, PayloadStatus.Failed);
        Assert.StartsWith("DEPENDENCY_MISSING", expired.LastError);
        Assert.Contains("KkAkhdMsgzn59SM8A89WgKwekxLZY", expired.LastError);
        Assert.Empty(world.Entities("RefundReceipt"));
    }

    [Theory, BothDatabases]
    public async Task Square_RefundOfABookedPayment_IsLinkedToItsSale(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "square");
        var payment = Delivery.Fixture("square/payment.updated.json");
        var paymentId = (string)payment["data"]!["object"]!["payment"]!["id"]!;
        var paid = Delivery.Cents(payment["data"]!["object"]!["payment"]!["total_money"]!["amount"]);
        var refund = Delivery.Fixture("square/refund.updated.json");
        refund["data"]!["object"]!["refund"]!["payment_id"] = paymentId;
        refund["data"]!["object"]!["refund"]!["amount_money"]!["amount"] = 100;

        var sale = await world.DeliverFixtureAsync("square/payment.updated.json");
        var refunded = await world.DeliverAsync(refund.ToJsonString());

        Assert.Equal(PayloadStatus.Succeeded, refunded.Status);
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(1.00m, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(sale.DocumentId, (string?)receipt["LinkedTxn"]![0]!["TxnId"]);
        var ledger = await world.LedgerAsync();
        Assert.Equal(paid - 1.00m, ledger["Undeposited Funds"]);
        Assert.Equal(0m, ledger["Accounts Receivable (A/R)"]);
    }

    private static void AssertPaidInvoice(PipelineWorld world, Delivered sale, decimal total)
    {
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == sale.DocumentId);
        Assert.Equal(total, (decimal)invoice["TotalAmt"]!);
        Assert.Equal(0m, (decimal)invoice["Balance"]!);
    }

    private static void AssertIgnored(Delivered delivered, string what) =>
        Assert.True(delivered.Status == PayloadStatus.Skipped && delivered.LastError!.StartsWith("EVENT_IGNORED", StringComparison.Ordinal), $"{what}: {delivered}");
}
