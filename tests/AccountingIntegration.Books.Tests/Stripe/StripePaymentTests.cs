using static AccountingIntegration.Books.Tests.Stripe.StripeTestReading;

namespace AccountingIntegration.Books.Tests.Stripe;

/// <summary>
/// Payments outside invoices, in shapes the fixtures lack. Bodies are written for these tests from Stripe's
/// documented PaymentIntent (https://docs.stripe.com/api/payment_intents/object), Charge
/// (https://docs.stripe.com/api/charges/object) and Dispute (https://docs.stripe.com/api/disputes/object).
/// </summary>
public sealed class StripePaymentTests
{
    // A yen payment: JPY has no minor unit, so amount_received 5000 is ¥5,000
    // (https://docs.stripe.com/currencies#zero-decimal).
    private const string YenPaymentIntentSucceeded = """
        {
          "id": "evt_3PyenPayment000001",
          "object": "event",
          "api_version": "2024-06-20",
          "created": 1719800000,
          "type": "payment_intent.succeeded",
          "data": {
            "object": {
              "id": "pi_3PyenPayment000001",
              "object": "payment_intent",
              "amount": 5000,
              "amount_received": 5000,
              "currency": "jpy",
              "customer": "cus_QyenCustomer01",
              "description": "Order 1042",
              "invoice": null,
              "latest_charge": "ch_3PyenCharge0000001",
              "payment_method_types": ["card"],
              "receipt_email": "hana@example.jp",
              "shipping": null,
              "status": "succeeded",
              "created": 1719799990
            }
          }
        }
        """;

    // From 2025-03-31.basil a payment intent no longer names its invoice; Stripe describes the ones it
    // creates for subscription invoices "Subscription creation" / "Subscription update".
    private const string BasilSubscriptionPaymentIntent = """
        {
          "id": "evt_3QbasilSubPayment01",
          "object": "event",
          "api_version": "2025-03-31.basil",
          "created": 1743500000,
          "type": "payment_intent.succeeded",
          "data": {
            "object": {
              "id": "pi_3QbasilSubPayment01",
              "object": "payment_intent",
              "amount": 8168,
              "amount_received": 8168,
              "currency": "eur",
              "customer": "cus_RbasilCustomer01",
              "description": "Subscription update",
              "latest_charge": "ch_3QbasilSubCharge001",
              "payment_method_types": ["card"],
              "status": "succeeded",
              "created": 1743499990
            }
          }
        }
        """;

    // A charge made through the Charges API (no payment intent), captured at once.
    private const string DirectChargeSucceeded = """
        {
          "id": "evt_1PdirectCharge00001",
          "object": "event",
          "api_version": "2019-12-03",
          "created": 1575000000,
          "type": "charge.succeeded",
          "data": {
            "object": {
              "id": "ch_1PdirectCharge00001",
              "object": "charge",
              "amount": 2599,
              "amount_captured": 2599,
              "amount_refunded": 0,
              "balance_transaction": { "id": "txn_1PdirectCharge0001", "object": "balance_transaction", "amount": 2599, "fee": 105, "net": 2494 },
              "billing_details": { "address": { "city": "Austin", "country": "US", "line1": "1 Congress Ave", "line2": null, "postal_code": "78701", "state": "TX" }, "email": "lee@example.com", "name": "Lee Park", "phone": null },
              "captured": true,
              "created": 1574999990,
              "currency": "usd",
              "customer": null,
              "description": "Workshop ticket",
              "invoice": null,
              "paid": true,
              "payment_intent": null,
              "payment_method_details": { "type": "card" },
              "receipt_email": null,
              "shipping": null,
              "status": "succeeded"
            }
          }
        }
        """;

    // The chargeback on the fixture's disputed charge: Stripe withdrew the 1.00 and a 15.00 fee.
    private const string DisputeFundsWithdrawn = """
        {
          "id": "evt_1PdisputeWithdrawn01",
          "object": "event",
          "api_version": "2024-06-20",
          "created": 1649000000,
          "type": "charge.dispute.funds_withdrawn",
          "data": {
            "object": {
              "id": "dp_1PdisputeWithdrawn01",
              "object": "dispute",
              "amount": 100,
              "balance_transactions": [ { "id": "txn_1PdisputeWithdrawn1", "object": "balance_transaction", "amount": -100, "currency": "usd", "fee": 1500, "net": -1600, "created": 1648999990, "type": "adjustment" } ],
              "charge": "ch_1PdisputedCharge0001",
              "currency": "usd",
              "payment_intent": "pi_1PdisputedPayment001",
              "reason": "fraudulent",
              "status": "needs_response"
            }
          }
        }
        """;

    [Fact]
    public void PaymentIntentSucceeded_ZeroDecimalCurrency_KeepsYenWhole()
    {
        var paymentIntent = ObjectOf(YenPaymentIntentSucceeded);

        var read = Read(YenPaymentIntentSucceeded);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        var sale = read.Sale!;
        Assert.Equal("JPY", sale.Currency);
        Assert.Equal(Minor(paymentIntent, "amount_received", perMajor: 1m), sale.Total);
        Assert.Equal(5000m, sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(sale.Total, read.Paid);
        Assert.Equal(["charge:ch_3PyenCharge0000001"], read.Aliases.Select(alias => alias.Key));
        Assert.Equal("hana@example.jp", sale.Customer.Email);
        Assert.Equal("ch_3PyenCharge0000001", read.Payment!.Reference);
    }

    // Stripe's own exceptions to ISO 4217 (https://docs.stripe.com/currencies#special-cases): ISK keeps two decimals in
    // its API (500000 is 5,000 krónur, support.stripe.com/questions/deprecation-of-fractional-isk-charges-and-refunds),
    // and MGA has none (https://docs.stripe.com/currencies#zero-decimal).
    [Theory]
    [InlineData("isk", 500000, 5000)]
    [InlineData("mga", 500000, 500000)]
    [InlineData("ugx", 500000, 500000)]
    [InlineData("kwd", 5120, 5.12)]
    public void PaymentIntentSucceeded_CurrenciesStripeCountsItsOwnWay_AreReadAsStripeDocumentsThem(string currency, long minorUnits, decimal expected)
    {
        var payment = YenPaymentIntentSucceeded.Replace("\"currency\": \"jpy\"", $"\"currency\": \"{currency}\"", StringComparison.Ordinal)
            .Replace("5000", minorUnits.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var read = Read(payment);

        Assert.Equal(currency.ToUpperInvariant(), read.Sale!.Currency);
        Assert.Equal(expected, read.Sale.Total);
        Assert.Equal(expected, read.Paid);
    }

    [Fact]
    public void PaymentIntentSucceeded_NamingItsInvoice_IsLeftToInvoicePaid()
    {
        var ofInvoice = YenPaymentIntentSucceeded.Replace("\"invoice\": null", "\"invoice\": \"in_1PyenInvoice000001\"", StringComparison.Ordinal);

        var read = Read(ofInvoice);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains("in_1PyenInvoice000001", read.IgnoredBecause);
        Assert.Contains("invoice.paid", read.IgnoredBecause);
    }

    [Fact]
    public void PaymentIntentSucceeded_Basil_StripesSubscriptionPayment_IsLeftToInvoicePaid()
    {
        var read = Read(BasilSubscriptionPaymentIntent);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains("invoice.paid", read.IgnoredBecause);
    }

    [Fact]
    public void PaymentIntentSucceeded_Basil_IntegrationsOwnPayment_IsASale()
    {
        var ownPayment = BasilSubscriptionPaymentIntent.Replace("\"Subscription update\"", "\"Order 7781\"", StringComparison.Ordinal);

        var read = Read(ownPayment);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal(81.68m, read.Sale!.Total);
        Assert.Equal("Payment Order 7781", Assert.Single(read.Sale.Lines).Description);
    }

    [Fact]
    public void PaymentIntentSucceeded_WithTerminalTip_KeepsTheTipApart()
    {
        var tipped = YenPaymentIntentSucceeded.Replace("\"amount_received\": 5000,", "\"amount_received\": 5000, \"amount_details\": { \"tip\": { \"amount\": 500 } },", StringComparison.Ordinal);

        var sale = Read(tipped).Sale!;

        Assert.Equal(5000m, sale.Total);
        Assert.Equal(500m, Assert.Single(sale.Tips).Amount);
        Assert.Equal(4500m, Assert.Single(sale.Lines).Amount);
        Assert.Equal(sale.Total, sale.ComputedTotal);
    }

    [Fact]
    public void ChargeSucceeded_WithoutPaymentIntent_IsACapturedSaleWithItsFee()
    {
        var charge = ObjectOf(DirectChargeSucceeded);

        var read = Read(DirectChargeSucceeded);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal("charge:ch_1PdirectCharge00001", read.Subject.Key);
        var sale = read.Sale!;
        Assert.Equal(Minor(charge, "amount_captured"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(sale.Total, read.Paid);
        Assert.Equal("Charge Workshop ticket", Assert.Single(sale.Lines).Description);
        Assert.Equal(Minor(charge.GetProperty("balance_transaction"), "fee"), read.Payment!.Fee);
        Assert.Equal("Lee Park", sale.Customer.Name);
        Assert.Equal("TX", sale.Customer.BillingAddress!.Region);
    }

    [Fact]
    public void ChargeSucceeded_PartlyCaptured_BooksWhatWasCaptured()
    {
        var partly = DirectChargeSucceeded.Replace("\"amount_captured\": 2599", "\"amount_captured\": 2000", StringComparison.Ordinal);

        Assert.Equal(20.00m, Read(partly).Sale!.Total);
    }

    [Fact]
    public void DisputeFundsWithdrawn_IsMoneyBackToTheCustomer()
    {
        var dispute = ObjectOf(DisputeFundsWithdrawn);

        var read = Read(DisputeFundsWithdrawn);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("dispute:dp_1PdisputeWithdrawn01", read.Subject.Key);
        Assert.Equal("charge:ch_1PdisputedCharge0001", read.Original!.Key);
        Assert.Equal(["payment_intent:pi_1PdisputedPayment001"], read.Aliases.Select(alias => alias.Key));
        var refund = Assert.Single(read.Refunds);
        Assert.Equal("dp_1PdisputeWithdrawn01", refund.RefundId);
        Assert.Equal(Minor(dispute, "amount"), refund.Amount);
        Assert.Equal("USD", refund.Currency);
        Assert.Equal("Chargeback: fraudulent", refund.Reason);
        Assert.False(refund.Reinstated);
        Assert.Equal(new DateOnly(2022, 4, 3), refund.Date);
    }

    /// <summary>
    /// The dispute won: its funds come back under the dispute's id, as the withdrawal's money coming back, dated by the
    /// reinstating balance transaction (the one above zero), whose amount is what came back.
    /// </summary>
    [Fact]
    public void DisputeFundsReinstated_IsTheChargebacksMoneyComingBack()
    {
        var read = Read(DisputeReinstated("won", reinstatedCents: 100, balanceCurrency: "usd"));

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("dispute:dp_1PdisputeWithdrawn01", read.Subject.Key);
        Assert.Equal("charge:ch_1PdisputedCharge0001", read.Original!.Key);
        var refund = Assert.Single(read.Refunds);
        Assert.Equal(("dp_1PdisputeWithdrawn01", 1.00m, true), (refund.RefundId, refund.Amount, refund.Reinstated));
        Assert.Equal(new DateOnly(2022, 5, 31), refund.Date);
        Assert.Equal("dispute won, funds reinstated", refund.Reason);
    }

    /// <summary>
    /// A payment refunded in part (0.40) and then disputed for its whole 1.00: Stripe withdraws the 1.00 and reinstates the
    /// 0.40 refunded already, the dispute still open. What came back is the balance transaction's 0.40, not the dispute's amount.
    /// </summary>
    [Fact]
    public void DisputeFundsReinstated_OfAPaymentRefundedInPart_IsWhatTheBalanceTransactionGaveBack()
    {
        var refund = Assert.Single(Read(DisputeReinstated("under_review", reinstatedCents: 40, balanceCurrency: "usd")).Refunds);

        Assert.Equal((0.40m, true), (refund.Amount, refund.Reinstated));
        Assert.Equal("funds reinstated after the dispute closed", refund.Reason);
    }

    /// <summary>
    /// A balance kept in euros states the reinstatement in euros: of a dispute won, the dispute's own amount came back; of
    /// one not won, nothing in the dollar amount says how much, and the event fails naming the field.
    /// </summary>
    [Fact]
    public void DisputeFundsReinstated_IntoABalanceInAnotherCurrency_TakesTheDisputedAmountOnlyOfADisputeWon()
    {
        Assert.Equal(1.00m, Assert.Single(Read(DisputeReinstated("won", reinstatedCents: 92, balanceCurrency: "eur")).Refunds).Amount);

        var problem = Assert.Single(ReadResult(DisputeReinstated("under_review", reinstatedCents: 37, balanceCurrency: "eur")).Problems);
        Assert.Equal("data.object.balance_transactions", problem.Field);
    }

    private static string DisputeReinstated(string status, long reinstatedCents, string balanceCurrency) =>
        DisputeFundsWithdrawn
            .Replace("charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated", StringComparison.Ordinal)
            .Replace("\"needs_response\"", $"\"{status}\"", StringComparison.Ordinal)
            .Replace("\"type\": \"adjustment\" } ]", $$"""
                "type": "adjustment" },
                { "id": "txn_1PdisputeReinstated1", "object": "balance_transaction", "amount": {{reinstatedCents}}, "currency": "{{balanceCurrency}}", "fee": -1500, "created": 1654000000, "type": "adjustment" } ]
                """, StringComparison.Ordinal);
}
