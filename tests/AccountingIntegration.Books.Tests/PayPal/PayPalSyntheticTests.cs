using System.Globalization;
using AccountingIntegration.Books.Vendors.PayPal;
using static AccountingIntegration.Books.Tests.PayPal.PayPalTestReading;

namespace AccountingIntegration.Books.Tests.PayPal;

/// <summary>
/// Cases the fixtures lack. Bodies are written for these tests from PayPal's documented objects: the
/// Payments v2 Refund (https://developer.paypal.com/docs/api/payments/v2/#refunds_get: id, amount,
/// seller_payable_breakdown, status, links with "up" to the capture) as PAYMENT.CAPTURE.REFUNDED and
/// PAYMENT.CAPTURE.REVERSED deliver it (https://developer.paypal.com/api/rest/webhooks/event-names/), and the
/// v1 sale and refund that subscriptions send (https://developer.paypal.com/docs/subscriptions/webhooks).
/// </summary>
public sealed class PayPalSyntheticTests
{
    // A partial refund of the USD fixture's capture 5VK462069F664902F.
    private const string CaptureRefunded = """
        {
          "id": "WH-1RF23456AB789012C-3DE45678FG901234H",
          "event_version": "1.0",
          "create_time": "2021-10-20T09:12:44.120Z",
          "resource_type": "refund",
          "resource_version": "2.0",
          "event_type": "PAYMENT.CAPTURE.REFUNDED",
          "summary": "A $ 4.00 USD capture payment was refunded",
          "resource": {
            "id": "1JU08902781691411",
            "amount": { "value": "4.00", "currency_code": "USD" },
            "seller_payable_breakdown": {
              "gross_amount": { "value": "4.00", "currency_code": "USD" },
              "paypal_fee": { "value": "0.14", "currency_code": "USD" },
              "net_amount": { "value": "3.86", "currency_code": "USD" },
              "total_refunded_amount": { "value": "4.00", "currency_code": "USD" }
            },
            "note_to_payer": "Damaged on arrival",
            "status": "COMPLETED",
            "create_time": "2021-10-20T02:12:40-07:00",
            "update_time": "2021-10-20T02:12:40-07:00",
            "links": [
              { "href": "https://api.sandbox.paypal.com/v2/payments/refunds/1JU08902781691411", "rel": "self", "method": "GET" },
              { "href": "https://api.sandbox.paypal.com/v2/payments/captures/5VK462069F664902F", "rel": "up", "method": "GET" }
            ]
          }
        }
        """;

    // A subscription's monthly payment, as PayPal Subscriptions send it.
    private const string SubscriptionSaleCompleted = """
        {
          "id": "WH-528005538C798144N-7H391362AP602264K",
          "create_time": "2021-04-17T22:45:35.950Z",
          "resource_type": "sale",
          "event_type": "PAYMENT.SALE.COMPLETED",
          "summary": "Payment completed for CAD 14.55 CAD",
          "resource": {
            "billing_agreement_id": "I-37B4TLL0FAJJ",
            "amount": { "total": "14.55", "currency": "CAD", "details": { "subtotal": "14.55" } },
            "payment_mode": "INSTANT_TRANSFER",
            "create_time": "2021-04-17T22:44:02Z",
            "update_time": "2021-04-17T22:44:02Z",
            "transaction_fee": { "currency": "CAD", "value": "0.72" },
            "id": "44P499886K055384U",
            "state": "completed",
            "invoice_number": ""
          }
        }
        """;

    [Fact]
    public void CaptureRefunded_IsARefundOfTheCaptureUnderTheRefundsId()
    {
        var refund = ResourceOf(CaptureRefunded);

        var read = Read(CaptureRefunded);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("refund:1JU08902781691411", read.Subject.Key);
        Assert.Equal("capture:5VK462069F664902F", read.Original!.Key);
        var booked = Assert.Single(read.Refunds);
        Assert.Equal(Text(refund, "id"), booked.RefundId);
        Assert.Equal(Amount(refund, "amount.value"), booked.Amount);
        Assert.Equal("USD", booked.Currency);
        Assert.Equal(new DateOnly(2021, 10, 20), booked.Date);
        Assert.Equal("Damaged on arrival", booked.Reason);
    }

    [Theory]
    [InlineData("USD", "GBP", "GBP", "0.781234")]
    [InlineData("GBP", "USD", "GBP", "1.2800262149")]
    [InlineData("EUR", "GBP", null, null)]
    public void CaptureRefunded_FromAnotherCurrency_CarriesPayPalsRateOutOfIt(string source, string target, string? convertedInto, string? rate)
    {
        var converted = CaptureRefunded.Replace(
            "\"total_refunded_amount\"",
            $$"""
            "net_amount_breakdown": [{ "payable_amount": { "value": "3.86", "currency_code": "USD" },
              "converted_amount": { "value": "3.02", "currency_code": "GBP" },
              "exchange_rate": { "source_currency": "{{source}}", "target_currency": "{{target}}", "value": "0.781234" } }],
            "total_refunded_amount"
            """,
            StringComparison.Ordinal);

        var booked = Assert.Single(Read(converted).Refunds);

        // A rate out of the refund's own currency is read as the capture's is; one stated the other way round (0.781234 USD
        // for a pound) is inverted to the refund's pounds for a dollar; one between two other currencies is not the refund's.
        Assert.Equal(convertedInto is null ? null : new Conversion(convertedInto, decimal.Parse(rate!, CultureInfo.InvariantCulture)), booked.ConvertedAt);
        Assert.Null(Assert.Single(Read(CaptureRefunded).Refunds).ConvertedAt);
    }

    [Theory]
    [InlineData("USD", "GBP", "0.772477")]
    [InlineData("GBP", "USD", "1.2945369247")]
    public void CaptureCompleted_CreditedInAnotherCurrency_CarriesPayPalsRateOutOfTheCapturesCurrency(string source, string target, string rate)
    {
        var converted = Fixture("PAYMENT.CAPTURE.COMPLETED.json").Replace(
            "\"seller_receivable_breakdown\": {",
            $$"""
            "seller_receivable_breakdown": {
              "exchange_rate": { "source_currency": "{{source}}", "target_currency": "{{target}}", "value": "0.772477" },
            """,
            StringComparison.Ordinal);

        var sale = Read(converted).Sale!;

        Assert.Equal(new Conversion("GBP", decimal.Parse(rate, CultureInfo.InvariantCulture)), sale.ConvertedAt);
    }

    [Fact]
    public void CaptureRefunded_MatchesTheFixturesCapture()
    {
        var capture = Read(Fixture("PAYMENT.CAPTURE.COMPLETED.json"));

        Assert.Equal(capture.Subject, Read(CaptureRefunded).Original);
    }

    [Theory]
    [InlineData("PENDING")]
    [InlineData("FAILED")]
    [InlineData("CANCELLED")]
    public void CaptureRefunded_NotCompleted_MovesNoMoney(string status)
    {
        var notYet = CaptureRefunded.Replace("\"status\": \"COMPLETED\"", $"\"status\": \"{status}\"", StringComparison.Ordinal);

        var read = Read(notYet);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains(status, read.IgnoredBecause);
    }

    [Fact]
    public void CaptureRefunded_WithoutTheCapturesLink_FailsNamingTheField()
    {
        var orphan = CaptureRefunded.Replace("\"rel\": \"up\"", "\"rel\": \"related\"", StringComparison.Ordinal);

        var result = ReadResult(orphan);

        Assert.Equal("resource.links", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void CaptureReversed_IsMoneyBackForTheCapture()
    {
        var reversed = CaptureRefunded.Replace("PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.REVERSED", StringComparison.Ordinal);

        var read = Read(reversed);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("capture:5VK462069F664902F", read.Original!.Key);
        Assert.Equal("PayPal reversed the payment", Assert.Single(read.Refunds).Reason);
    }

    [Theory]
    [InlineData("PAYMENT.CAPTURE.PENDING")]
    [InlineData("PAYMENT.CAPTURE.DENIED")]
    [InlineData("PAYMENT.CAPTURE.DECLINED")]
    public void CaptureNotCompleted_MovesNoMoney(string eventType)
    {
        var json = Fixture("PAYMENT.CAPTURE.COMPLETED.json").Replace("PAYMENT.CAPTURE.COMPLETED", eventType, StringComparison.Ordinal);

        var read = Read(json);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("capture:5VK462069F664902F", read.Subject.Key);
    }

    [Fact]
    public void CaptureCompleted_WithPendingStatus_MovesNoMoney()
    {
        var json = Fixture("PAYMENT.CAPTURE.COMPLETED.json").Replace("\"status\": \"COMPLETED\"", "\"status\": \"PENDING\"", StringComparison.Ordinal);

        Assert.Equal(EventMeaning.NoMoney, Read(json).Meaning);
    }

    [Fact]
    public void SaleCompleted_SubscriptionPayment_IsAPaidSale()
    {
        var sale = ResourceOf(SubscriptionSaleCompleted);

        var read = Read(SubscriptionSaleCompleted);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal("sale:44P499886K055384U", read.Subject.Key);
        Assert.Empty(read.Aliases);
        Assert.Equal(["subscription:I-37B4TLL0FAJJ"], read.SharedNames.Select(name => name.Key));
        Assert.Equal("CAD", read.Sale!.Currency);
        Assert.Equal(Amount(sale, "amount.total"), read.Sale.Total);
        Assert.Equal(read.Sale.Total, read.Sale.ComputedTotal);
        Assert.Equal(read.Sale.Total, read.Paid);
        Assert.Equal(Amount(sale, "transaction_fee.value"), read.Payment!.Fee);
    }

    // A checkout payment's sale settles after PAYMENTS.PAYMENT.CREATED when it was pending then (an eCheck, a review hold):
    // its payment is applied to the sale that event booked, under the sale's id.
    [Fact]
    public void SaleCompleted_OfACheckoutPayment_IsAPaymentOfThatPaymentsSale()
    {
        var checkoutSale = SubscriptionSaleCompleted.Replace("\"billing_agreement_id\": \"I-37B4TLL0FAJJ\",", "\"parent_payment\": \"PAYID-LVT22VY7N839502VJ678725M\",", StringComparison.Ordinal);

        var read = Read(checkoutSale);

        Assert.Equal(EventMeaning.Payment, read.Meaning);
        Assert.Equal("sale:44P499886K055384U", read.Subject.Key);
        Assert.Equal("payment:PAYID-LVT22VY7N839502VJ678725M", read.Original!.Key);
        Assert.Equal(Read(Fixture("PAYMENTS.PAYMENT.CREATED.json")).Subject, read.Original);
        Assert.Equal((14.55m, "CAD", "44P499886K055384U", 0.72m), (read.Payment!.Amount, read.Payment.Currency, read.Payment.Reference, read.Payment.Fee));
        Assert.Null(read.Sale);
    }

    [Fact]
    public void SaleCompleted_OfACheckoutPaymentStillPending_MovesNoMoney()
    {
        var pending = SubscriptionSaleCompleted.Replace("\"billing_agreement_id\": \"I-37B4TLL0FAJJ\",", "\"parent_payment\": \"PAYID-LVT22VY7N839502VJ678725M\",", StringComparison.Ordinal)
            .Replace("\"state\": \"completed\"", "\"state\": \"pending\"", StringComparison.Ordinal);

        var read = Read(pending);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains("pending", read.IgnoredBecause);
    }

    [Fact]
    public void SaleRefunded_V1_IsARefundOfTheSale()
    {
        // A v1 refund as pretix recorded a sandbox delivery (pretix/pretix src/tests/plugins/paypal/test_webhook.py).
        const string saleRefunded = """
            {
              "id": "WH-9K829080KA1622327-31011919VC6498738",
              "create_time": "2017-01-15T20:15:36Z",
              "resource_type": "refund",
              "event_type": "PAYMENT.SALE.REFUNDED",
              "summary": "A EUR 255.41 EUR sale payment was refunded",
              "resource": {
                "amount": { "total": "255.41", "currency": "EUR" },
                "id": "75S46770PP192124D",
                "parent_payment": "PAY-5YK922393D847794YKER7MUI",
                "update_time": "2017-01-15T20:15:06Z",
                "create_time": "2017-01-15T20:14:29Z",
                "state": "completed",
                "links": [],
                "refund_to_payer": { "value": "255.41", "currency": "EUR" },
                "invoice_number": "",
                "refund_reason_code": "REFUND",
                "sale_id": "9T0916710M1105906"
              },
              "links": [],
              "event_version": "1.0"
            }
            """;
        var refund = ResourceOf(saleRefunded);

        var read = Read(saleRefunded);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("sale:9T0916710M1105906", read.Original!.Key);
        Assert.Equal(["payment:PAY-5YK922393D847794YKER7MUI"], read.Aliases.Select(alias => alias.Key));
        var booked = Assert.Single(read.Refunds);
        Assert.Equal("75S46770PP192124D", booked.RefundId);
        Assert.Equal(Amount(refund, "amount.total"), booked.Amount);
        Assert.Equal("EUR", booked.Currency);
    }

    [Fact]
    public void SaleRefunded_NegativeAmount_IsBookedPositive()
    {
        const string negative = """
            { "id": "WH-2N242548W9943490U-1JU23391CS4765624", "create_time": "2014-10-31T15:42:24Z", "resource_type": "sale",
              "event_type": "PAYMENT.SALE.REFUNDED",
              "resource": { "id": "6YX43824R4443062K", "sale_id": "9T0916710M1105906", "parent_payment": "PAY-5437236047802405NKRJ22UA",
                "amount": { "total": "-0.01", "currency": "USD" }, "create_time": "2014-10-31T15:41:51Z", "state": "completed" } }
            """;

        Assert.Equal(0.01m, Assert.Single(Read(negative).Refunds).Amount);
    }

    [Fact]
    public void PaymentsPaymentCreated_NotYetApproved_MovesNoMoney()
    {
        var created = Fixture("PAYMENTS.PAYMENT.CREATED.json").Replace("\"state\":\"approved\"", "\"state\":\"created\"", StringComparison.Ordinal);

        var read = Read(created);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("payment:PAYID-LVT22VY7N839502VJ678725M", read.Subject.Key);
    }

    [Fact]
    public void PaymentsPaymentCreated_SaleStillPending_IsASaleNotYetPaid()
    {
        var pending = Fixture("PAYMENTS.PAYMENT.CREATED.json").Replace("\"state\":\"completed\"", "\"state\":\"pending\"", StringComparison.Ordinal);

        var read = Read(pending);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal(0m, read.Paid);
        Assert.Null(read.Payment);
        Assert.Equal(read.Sale!.Total, read.Sale.ComputedTotal);
    }

    [Fact]
    public void Read_UnknownEvent_MovesNoMoneyAndSaysSo()
    {
        var read = Read("""{ "id": "WH-1", "event_type": "INVOICING.INVOICE.CREATED", "resource_type": "invoice", "resource": { "id": "INV2-1" } }""");

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("invoice:INV2-1", read.Subject.Key);
        Assert.Equal("INVOICING.INVOICE.CREATED is not an event the books use", read.IgnoredBecause);
    }

    [Fact]
    public void VendorAdapters_ForPayPal_IsThePayPalAdapter() =>
        Assert.IsType<PayPalAdapter>(VendorAdapters.For("PayPal"));

    [Fact]
    public void KnownEvents_EachNamedOnce()
    {
        var known = new PayPalAdapter().KnownEvents;

        Assert.Equal(known.Count, known.Select(e => e.EventType).Distinct().Count());
        Assert.Contains(known, e => e.EventType == "PAYMENT.CAPTURE.COMPLETED" && e.Meaning == EventMeaning.Sale);
    }
}
