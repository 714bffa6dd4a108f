using System.Text.Json;
using AccountingIntegration.Books.Tests.Support;
using static AccountingIntegration.Books.Tests.PayPal.PayPalTestReading;

namespace AccountingIntegration.Books.Tests.PayPal;

/// <summary>Every PayPal fixture, read by the adapter; expectations come from the fixture's own amounts.</summary>
public sealed class PayPalFixtureTests
{
    [Theory]
    [InlineData("PAYMENT.CAPTURE.COMPLETED.json", "USD")]
    [InlineData("PAYMENT.CAPTURE.COMPLETED.eur-sandbox.json", "EUR")]
    public void CaptureCompleted_IsTheSaleAndItsPaymentAtTheGrossAmount(string fixture, string currency)
    {
        var json = Fixture(fixture);
        var capture = ResourceOf(json);

        var read = Read(json);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal($"capture:{Text(capture, "id")}", read.Subject.Key);
        Assert.Empty(read.Aliases);
        Assert.Equal([$"order:{Text(capture, "supplementary_data.related_ids.order_id")}"], read.SharedNames.Select(name => name.Key));
        var sale = read.Sale!;
        Assert.Equal(currency, sale.Currency);
        Assert.Equal(Amount(capture, "seller_receivable_breakdown.gross_amount.value"), sale.Total);
        Assert.Equal(Amount(capture, "amount.value"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(sale.Total, read.Paid);

        // PayPal's fee is an expense on the payment, not a cut in the sale.
        Assert.NotEqual(Amount(capture, "seller_receivable_breakdown.net_amount.value"), sale.Total);
        Assert.Equal(Amount(capture, "seller_receivable_breakdown.paypal_fee.value"), read.Payment!.Fee);
        Assert.Equal(sale.Total, read.Payment.Amount);
        Assert.Equal(currency, read.Payment.Currency);
        Assert.Equal(Text(capture, "id"), read.Payment.Reference);
        // The merchant's own id goes to the private note, not the memo printed for the buyer.
        Assert.Equal(Text(capture, "custom_id"), sale.Reference);
        Assert.Null(sale.Memo);
        Assert.Equal(DateOnly.FromDateTime(DateTimeOffset.Parse(Text(capture, "create_time"), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime), sale.Date);
    }

    [Fact]
    public void CaptureCompleted_FromTheWebhooksEventsApi_IgnoresTheDeliveryStatus()
    {
        // This copy of the event has a top-level "status" of the delivery, not of the money.
        var json = Fixture("PAYMENT.CAPTURE.COMPLETED.eur-sandbox.json");
        using var document = JsonDocument.Parse(json);
        Assert.Equal("SUCCESS", document.RootElement.GetProperty("status").GetString());

        var pending = json.Replace("\"status\": \"SUCCESS\"", "\"status\": \"PENDING\"", StringComparison.Ordinal);

        Assert.Equal(EventMeaning.Sale, Read(pending).Meaning);
    }

    [Fact]
    public void PaymentsPaymentCreated_V1_IsTheSaleWithItsItemsAndCharges()
    {
        var json = Fixture("PAYMENTS.PAYMENT.CREATED.json");
        var payment = ResourceOf(json);
        var transaction = payment.GetProperty("transactions")[0];
        var amount = transaction.GetProperty("amount");
        var items = transaction.GetProperty("item_list").GetProperty("items").EnumerateArray().ToList();
        var relatedSale = transaction.GetProperty("related_resources")[0].GetProperty("sale");
        var headers = Headers("PAYMENTS.PAYMENT.CREATED.headers.json", "headers_as_published");

        var read = Read(json, headers);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal($"payment:{Text(payment, "id")}", read.Subject.Key);
        Assert.Equal([$"sale:{Text(relatedSale, "id")}"], read.Aliases.Select(alias => alias.Key));
        var sale = read.Sale!;
        Assert.Equal("USD", sale.Currency);
        Assert.Equal(Amount(amount, "total"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);

        Assert.Equal(items.Select(item => Amount(item, "price") * item.GetProperty("quantity").GetInt32()), sale.Lines.Select(line => line.Amount));
        Assert.Equal(Amount(amount, "details.subtotal"), sale.Lines.Sum(line => line.Amount));
        Assert.Equal(items.Select(item => Amount(item, "tax") * item.GetProperty("quantity").GetInt32()), sale.Lines.Select(line => line.Tax));
        Assert.Equal(items.Select(item => Text(item, "sku")), sale.Lines.Select(line => line.ItemKey));
        Assert.Equal(5m, sale.Lines[0].Quantity);
        Assert.Equal(Amount(amount, "details.tax"), sale.TaxTotal);

        var shipping = Assert.Single(sale.Shipping);
        Assert.Equal(Amount(amount, "details.shipping"), shipping.Amount);
        Assert.Equal(-Amount(amount, "details.shipping_discount"), shipping.Discount + sale.OrderDiscount);
        Assert.True(shipping.Amount - shipping.Discount >= 0);
        Assert.Equal(Amount(amount, "details.handling_fee"), sale.Fees.Single(fee => fee.Description == "Handling").Amount);
        Assert.Equal(Amount(amount, "details.insurance"), sale.Fees.Single(fee => fee.Description == "Insurance").Amount);

        Assert.Equal(Amount(relatedSale, "amount.total"), read.Paid);
        Assert.Equal(Amount(relatedSale, "transaction_fee.value"), read.Payment!.Fee);
        Assert.Equal(Text(relatedSale, "id"), read.Payment.Reference);
        Assert.Equal(Text(transaction, "invoice_number"), sale.Number);

        var payer = payment.GetProperty("payer").GetProperty("payer_info");
        Assert.Equal(Text(payer, "email"), sale.Customer.Email);
        Assert.Equal($"{Text(payer, "first_name")} {Text(payer, "last_name")}", sale.Customer.Name);
        Assert.Equal(Text(payer, "payer_id"), sale.Customer.ExternalId);
        Assert.Equal(Text(payer, "phone"), sale.Customer.Phone);
        Assert.Equal(Text(payer, "shipping_address.postal_code"), sale.Customer.ShippingAddress!.PostalCode);
    }

    [Fact]
    public void BillingPlanCreated_MovesNoMoney()
    {
        var json = Fixture("BILLING.PLAN.CREATED.json");
        var headers = Headers("BILLING.PLAN.CREATED.signature.json", "headers");

        var read = Read(json, headers);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal($"plan:{Text(ResourceOf(json), "id")}", read.Subject.Key);
        Assert.Equal("a plan moves no money", read.IgnoredBecause);
    }

    /// <summary>The delivery's headers from a fixture's sidecar: the event type still comes from the body.</summary>
    private static Dictionary<string, string> Headers(string sidecar, string property)
    {
        using var document = Fixtures.Load($"paypal/{sidecar}");
        return document.RootElement.GetProperty(property).EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString()!);
    }
}
