using System.Text.Json.Nodes;
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

    /// <summary>
    /// A Stripe refund names its charge and amount, nothing of what it gave back. A taxed invoice (two seats at 15.00, 2.48
    /// tax) refunded in two parts is booked as each refund's share of the invoice as Stripe stated it, read again from the
    /// payload that booked it: the tax goes back with the money, and once the refunds come to the invoice's total nothing
    /// of it is owed or earned.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundsOfATaxedInvoice_GiveBackTheirShareOfItsTax(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var paid = Delivery.Fixture("stripe/invoice.paid.json");
        var invoice = paid["data"]!["object"]!;
        var line = invoice["lines"]!["data"]![0]!;
        (line["amount"], line["quantity"], line["price"]!["unit_amount"], line["price"]!["unit_amount_decimal"]) = (3000, 2, 1500, "1500");
        line["tax_amounts"] = JsonNode.Parse("""[{ "amount": 248, "inclusive": false, "tax_rate": "txr_1" }]""");
        invoice["total_tax_amounts"] = JsonNode.Parse("""[{ "amount": 248, "inclusive": false, "tax_rate": "txr_1" }]""");
        (invoice["subtotal"], invoice["tax"], invoice["total"], invoice["amount_due"], invoice["amount_paid"]) = (3000, 248, 3248, 3248, 3248);
        var sale = await world.DeliverAsync(paid.ToJsonString());
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(2.48m, (await world.LedgerAsync())["Sales Tax Payable"]);

        var refunded = Delivery.Fixture("stripe/charge.refunded.json");
        var charge = refunded["data"]!["object"]!;
        (charge["amount"], charge["amount_captured"], charge["amount_refunded"], charge["refunded"]) = (3248, 3248, 1000, false);
        charge["refunds"]!["data"]![0]!["amount"] = 1000;
        var part = await world.DeliverAsync(refunded.ToJsonString(), key: "refund-1");
        Assert.True(part.Status == PayloadStatus.Succeeded, part.ToString());
        Assert.Contains("states only its amount (10.00 of a 32.48 sale)", part.Detail.ToString(), StringComparison.Ordinal);
        // 10.00 of 32.48: 0.76 of the tax went back with it.
        Assert.Equal(1.72m, (await world.LedgerAsync())["Sales Tax Payable"]);

        var newest = charge["refunds"]!["data"]![0]!.DeepClone();
        (newest["id"], newest["amount"]) = ("re_000000000000000000000001", 2248);
        charge["refunds"]!["data"]!.AsArray().Insert(0, newest);
        (charge["amount_refunded"], charge["refunded"]) = (3248, true);
        var rest = await world.DeliverAsync(refunded.ToJsonString(), key: "refund-2");
        Assert.True(rest.Status == PayloadStatus.Succeeded, rest.ToString());

        Assert.Equal([10.00m, 22.48m], world.Entities("RefundReceipt").Select(r => (decimal)r["TotalAmt"]!).Order());
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 0m, 0m), (ledger["Sales Tax Payable"], ledger["Undeposited Funds"], ledger["Services"]));
    }
}
