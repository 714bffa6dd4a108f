using static AccountingIntegration.Books.Tests.Stripe.StripeTestReading;

namespace AccountingIntegration.Books.Tests.Stripe;

/// <summary>
/// invoice_payment.paid (https://docs.stripe.com/api/invoice-payment/object): from API 2025-03-31.basil the only event that
/// pairs an invoice with the payment intent or charge that paid it. It books nothing but names the invoice's sale.
/// </summary>
public sealed class StripeInvoicePaymentTests
{
    // The object as Stripe's API reference shows it: a payment intent paid the invoice.
    private const string PaidByPaymentIntent = """
        {
          "id": "evt_1QinvoicePayment0001",
          "object": "event",
          "api_version": "2025-05-28.basil",
          "created": 1748476800,
          "type": "invoice_payment.paid",
          "data": {
            "object": {
              "id": "inpay_1M3USa2eZvKYlo2CBjuwbq0N",
              "object": "invoice_payment",
              "amount_paid": 2000,
              "amount_requested": 2000,
              "created": 1748476800,
              "currency": "usd",
              "invoice": "in_103Q0w2eZvKYlo2C5PYwf6Wf",
              "is_default": true,
              "livemode": false,
              "payment": { "type": "payment_intent", "payment_intent": "pi_103Q0w2eZvKYlo2C364X582Z" },
              "status": "paid",
              "status_transitions": { "canceled_at": null, "paid_at": 1748476800 }
            }
          }
        }
        """;

    [Fact]
    public void PaidByAPaymentIntent_NamesTheInvoicesSaleByIt()
    {
        var read = Read(PaidByPaymentIntent);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.True(read.OnlyNamesTheSale);
        Assert.Equal("invoice:in_103Q0w2eZvKYlo2C5PYwf6Wf", read.Original!.Key);
        Assert.Equal(["payment_intent:pi_103Q0w2eZvKYlo2C364X582Z"], read.Aliases.Select(alias => alias.Key));
        Assert.Equal("invoice_payment:inpay_1M3USa2eZvKYlo2CBjuwbq0N", read.Subject.Key);
        Assert.Null(read.Sale);
        Assert.Empty(read.Refunds);
    }

    [Fact]
    public void PaidByACharge_InTheLaterTopLevelLayout_NamesTheSaleByTheCharge()
    {
        var later = PaidByPaymentIntent.Replace(
            "\"payment\": { \"type\": \"payment_intent\", \"payment_intent\": \"pi_103Q0w2eZvKYlo2C364X582Z\" },",
            "\"charge\": \"ch_103Q0w2eZvKYlo2CbMCI3q1h\", \"payment_intent\": null,", StringComparison.Ordinal);

        var read = Read(later);

        Assert.True(read.OnlyNamesTheSale);
        Assert.Equal(["charge:ch_103Q0w2eZvKYlo2CbMCI3q1h"], read.Aliases.Select(alias => alias.Key));
    }

    [Fact]
    public void PaidOutsideStripe_OrNotPaid_NamesNothing()
    {
        var recorded = PaidByPaymentIntent.Replace(
            "{ \"type\": \"payment_intent\", \"payment_intent\": \"pi_103Q0w2eZvKYlo2C364X582Z\" }",
            "{ \"type\": \"payment_record\", \"payment_record\": \"pr_103Q0w2eZvKYlo2C\" }", StringComparison.Ordinal);
        var canceled = PaidByPaymentIntent.Replace("\"status\": \"paid\"", "\"status\": \"canceled\"", StringComparison.Ordinal);

        foreach (var body in new[] { recorded, canceled })
        {
            var read = Read(body);
            Assert.Equal(EventMeaning.NoMoney, read.Meaning);
            Assert.False(read.OnlyNamesTheSale);
            Assert.Empty(read.Aliases);
        }
    }

    [Fact]
    public void WithoutItsInvoice_FailsNamingTheField()
    {
        var broken = PaidByPaymentIntent.Replace("\"invoice\": \"in_103Q0w2eZvKYlo2C5PYwf6Wf\",", "", StringComparison.Ordinal);

        Assert.Equal("data.object.invoice", Assert.Single(ReadResult(broken).Problems).Field);
    }
}
