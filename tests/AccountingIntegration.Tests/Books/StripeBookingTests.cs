using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Every Stripe fixture, end to end against the sandbox, as one customer's story: the invoice paid, the same payment
/// seen again through its payment intent, the events that move no money, then the charge refunded (twice told).
/// Expected values come from the fixtures' own total fields.
/// </summary>
public sealed class StripeBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task EveryFixture_BooksThePaidInvoiceAndItsRefund_AndNothingForEventsWithoutMoney(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var invoiceJson = Delivery.Fixture("stripe/invoice.paid.json")["data"]!["object"]!;
        var total = Delivery.Cents(invoiceJson["total"]);
        var paid = Delivery.Cents(invoiceJson["amount_paid"]);

        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");

        Assert.Equal(PayloadStatus.Succeeded, sale.Status);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(sale.DocumentId, (string?)invoice["Id"]);
        Assert.Equal(total, (decimal)invoice["TotalAmt"]!);
        Assert.Equal(total - paid, (decimal)invoice["Balance"]!);
        var payment = Assert.Single(world.Entities("Payment"));
        Assert.Equal(paid, (decimal)payment["TotalAmt"]!);
        Assert.Equal(sale.DocumentId, (string?)payment["Line"]![0]!["LinkedTxn"]![0]!["TxnId"]);

        // The payment intent behind the invoice's charge is the same sale: nothing new.
        var sameSale = await world.DeliverFixtureAsync("stripe/payment_intent.succeeded.json");
        Assert.Equal(PayloadStatus.Succeeded, sameSale.Status);
        Assert.Equal(sale.DocumentId, sameSale.DocumentId);
        Assert.Single(world.Entities("Invoice"));
        Assert.Single(world.Entities("Payment"));

        foreach (var noMoney in new[]
                 {
                     "stripe/invoice.payment_failed.json", "stripe/charge.dispute.created.json", "stripe/charge.succeeded.json",
                     "stripe/charge.succeeded.stripe-mock-fixture.json", "stripe/checkout.session.completed.payment_mode.json",
                 })
        {
            var ignored = await world.DeliverFixtureAsync(noMoney);
            Assert.True(ignored.Status == PayloadStatus.Skipped && ignored.LastError!.StartsWith("EVENT_IGNORED", StringComparison.Ordinal), $"{noMoney}: {ignored}");
        }

        var chargeJson = Delivery.Fixture("stripe/charge.refunded.json")["data"]!["object"]!;
        var refunded = Delivery.Cents(chargeJson["amount_refunded"]);
        var refund = await world.DeliverFixtureAsync("stripe/charge.refunded.json");

        Assert.Equal(PayloadStatus.Succeeded, refund.Status);
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(refunded, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(sale.DocumentId, (string?)receipt["LinkedTxn"]![0]!["TxnId"]);

        // charge.refund.updated tells of the same refund (re_…): it is not booked twice.
        var told = await world.DeliverFixtureAsync("stripe/charge.refund.updated.json");
        Assert.Equal(PayloadStatus.Succeeded, told.Status);
        Assert.Single(world.Entities("RefundReceipt"));

        var ledger = await world.LedgerAsync();
        Assert.Equal(total - paid, ledger["Accounts Receivable (A/R)"]);
        Assert.Equal(paid - refunded, ledger["Undeposited Funds"]);
    }
}
