using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Books.Tests.Support;
using static AccountingIntegration.Books.Tests.Square.SquareDelivery;

namespace AccountingIntegration.Books.Tests.Square;

public sealed class SquarePaymentTests
{
    [Fact]
    public void PaymentUpdated_CompletedPayment_IsAPaidSaleOfThePayment()
    {
        using var fixture = Fixtures.Load("square/payment.updated.json");
        var payment = fixture.RootElement.GetProperty("data").GetProperty("object").GetProperty("payment");

        var read = Read(fixture.RootElement);

        Assert.Equal(("payment.updated", EventMeaning.Sale), (read.EventType, read.Meaning));
        Assert.Equal($"payment:{payment.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Empty(read.Aliases);
        Assert.Equal([$"order:{payment.GetProperty("order_id").GetString()}"], read.SharedNames.Select(name => name.Key));
        var sale = read.Sale!;
        Assert.Equal("USD", sale.Currency);
        Assert.Equal(Dollars(payment.GetProperty("total_money")), sale.Total);
        Assert.Equal(1.00m, sale.Total);
        Assert.Equal(Dollars(payment.GetProperty("amount_money")), Assert.Single(sale.Lines).Amount);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(sale.Total, read.Paid);
        Assert.Empty(sale.Taxes);
        Assert.Equal("hYy9", sale.Number);
        Assert.Equal(new DateOnly(2020, 11, 22), sale.Date);
        // No processing_fee yet: it arrives with a later update.
        Assert.Equal((1.00m, 0m, "hYy9pRFVxpDsO1FB05SunFWUe9JZY", "CARD MASTERCARD"), (read.Payment!.Amount, read.Payment.Fee, read.Payment.Reference, read.Payment.Method));
    }

    [Fact]
    public void PaymentUpdated_LaterDeliveryWithTheFee_IsTheSameSaleWithItsFee()
    {
        using var first = Fixtures.Load("square/payment.updated.json");
        var later = Editable("square/payment.updated.json");
        var payment = later["data"]!["object"]!["payment"]!;
        payment["version_token"] = "a-later-version";
        payment["updated_at"] = "2020-11-23T09:00:00.000Z";
        payment["processing_fee"] = JsonNode.Parse("""[{ "effective_at": "2020-11-23T09:00:00.000Z", "type": "INITIAL", "amount_money": { "amount": 33, "currency": "USD" } }]""");

        var earlier = Read(first.RootElement);
        var withFee = Read(later);

        Assert.Equal(earlier.Subject, withFee.Subject);
        Assert.Equal((earlier.Sale!.Total, earlier.Sale.Date, earlier.Paid), (withFee.Sale!.Total, withFee.Sale.Date, withFee.Paid));
        Assert.Equal(earlier.Payment!.Date, withFee.Payment!.Date);
        Assert.Equal(0.33m, withFee.Payment.Fee);
    }

    [Theory]
    [InlineData("APPROVED", "not captured")]
    [InlineData("PENDING", "being processed")]
    [InlineData("FAILED", "declined")]
    [InlineData("CANCELED", "canceled")]
    public void PaymentUpdated_NotCompleted_IsNoMoney(string status, string reason)
    {
        var body = Editable("square/payment.updated.json");
        body["data"]!["object"]!["payment"]!["status"] = status;

        var read = Read(body);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("payment:hYy9pRFVxpDsO1FB05SunFWUe9JZY", read.Subject.Key);
        Assert.Contains(reason, read.IgnoredBecause);
    }

    [Fact]
    public void PaymentCreated_AlreadyCompleted_IsTheSameSaleAsItsUpdate()
    {
        // Cash and in-person payments are created COMPLETED and may never get a payment.updated.
        var body = Editable("square/payment.updated.json");
        body["type"] = "payment.created";

        var read = Read(body);

        Assert.Equal(("payment.created", EventMeaning.Sale, "payment:hYy9pRFVxpDsO1FB05SunFWUe9JZY"), (read.EventType, read.Meaning, read.Subject.Key));
    }

    [Fact]
    public void PaymentCreated_Authorized_IsNoMoney()
    {
        var body = Editable("square/payment.updated.json");
        body["type"] = "payment.created";
        body["data"]!["object"]!["payment"]!["status"] = "APPROVED";

        Assert.Equal(EventMeaning.NoMoney, Read(body).Meaning);
    }

    // Written from Square's Payment object (api.json, components.schemas.Payment: amount_money, tip_money,
    // total_money, app_fee_money, processing_fee, buyer_email_address, billing_address, customer_id).
    private const string PaymentWithTipAndFees = """
        {
          "merchant_id": "6SSW7HV8K2ST5", "type": "payment.updated", "event_id": "7d1c2f5e-0000-4000-8000-000000000001",
          "created_at": "2024-07-04T23:10:00.000Z",
          "data": { "type": "payment", "id": "Pay123",
            "object": { "payment": {
              "id": "Pay123", "status": "COMPLETED", "source_type": "CARD", "order_id": "Ord456", "customer_id": "Cus789",
              "created_at": "2024-07-04T23:05:00.000Z", "receipt_number": "Pay1",
              "amount_money": { "amount": 1000, "currency": "USD" },
              "tip_money": { "amount": 200, "currency": "USD" },
              "total_money": { "amount": 1200, "currency": "USD" },
              "app_fee_money": { "amount": 30, "currency": "USD" },
              "processing_fee": [
                { "effective_at": "2024-07-04T23:05:30.000Z", "type": "INITIAL", "amount_money": { "amount": 65, "currency": "USD" } },
                { "effective_at": "2024-07-05T10:00:00.000Z", "type": "ADJUSTMENT", "amount_money": { "amount": -5, "currency": "USD" } }
              ],
              "buyer_email_address": "sam@example.com",
              "billing_address": { "first_name": "Sam", "last_name": "Ortiz", "address_line_1": "500 Electric Ave", "locality": "New York", "administrative_district_level_1": "NY", "postal_code": "10003", "country": "US" }
            } } }
        }
        """;

    [Fact]
    public void PaymentUpdated_TipProcessingAndAppFees_TipIsSoldFeesAreNot()
    {
        using var document = JsonDocument.Parse(PaymentWithTipAndFees);

        var read = Read(document.RootElement);

        var sale = read.Sale!;
        Assert.Equal((12.00m, 10.00m, 2.00m), (sale.Total, sale.Lines[0].Amount, Assert.Single(sale.Tips).Amount));
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(12.00m, read.Paid);
        // 0.65 assessed, 0.05 returned by an adjustment, 0.30 kept by the app.
        Assert.Equal(0.90m, read.Payment!.Fee);
        Assert.Equal(("sam@example.com", "Sam Ortiz", "Cus789", "NY"), (sale.Customer.Email, sale.Customer.Name, sale.Customer.ExternalId, sale.Customer.BillingAddress!.Region));
        Assert.Equal(["order:Ord456"], read.SharedNames.Select(name => name.Key));
    }

    [Fact]
    public void PaymentUpdated_NoPaymentObject_FailsNamingIt()
    {
        using var document = JsonDocument.Parse("""{ "type": "payment.updated", "data": { "type": "payment", "id": "x", "object": {} } }""");

        Assert.Equal("data.object.payment", Assert.Single(Deliver(document.RootElement).Problems).Field);
    }
}
