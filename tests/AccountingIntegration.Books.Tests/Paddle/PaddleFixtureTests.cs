using AccountingIntegration.Books.Tests.Support;
using AccountingIntegration.Books.Vendors.Paddle;
using static AccountingIntegration.Books.Tests.Paddle.PaddleTestReading;

namespace AccountingIntegration.Books.Tests.Paddle;

/// <summary>Every Paddle fixture, read by the adapter; expectations come from the fixture's own totals.</summary>
public sealed class PaddleFixtureTests
{
    [Fact]
    public void TransactionCompleted_IsThePaidSaleAtTheGrandTotal()
    {
        var json = Fixture("transaction.completed.json");
        var transaction = DataOf(json);
        var lineItems = transaction.GetProperty("details").GetProperty("line_items").EnumerateArray().ToList();

        var read = Read(json);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal($"transaction:{transaction.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Empty(read.Aliases);
        var sale = read.Sale!;
        Assert.Equal("USD", sale.Currency);
        Assert.Equal(Minor(transaction, "details.totals.grand_total"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(Minor(transaction, "details.totals.grand_total"), read.Paid);
        Assert.False(sale.PricesIncludeTax);
        Assert.Equal(0m, sale.OrderDiscount);
        Assert.Empty(sale.Fees);

        // The products net of tax, out of scope of the company's return; then the tax Paddle collected, on a line of its own.
        var products = sale.Lines.SkipLast(1).ToList();
        Assert.Equal(lineItems.Select(line => Minor(line, "totals.subtotal")), products.Select(line => line.Amount));
        Assert.Equal(Minor(transaction, "details.totals.subtotal"), products.Sum(line => line.Amount));
        Assert.Equal(lineItems.Select(line => Minor(line, "unit_totals.subtotal")), products.Select(line => line.UnitPrice));
        Assert.Equal(lineItems.Select(line => (decimal)line.GetProperty("quantity").GetInt32()), products.Select(line => line.Quantity));
        Assert.Equal(lineItems.Select(line => line.GetProperty("product").GetProperty("id").GetString()), products.Select(line => line.ItemKey));
        Assert.Equal("ChatApp Pro - Monthly (per seat)", products[0].Description);
        Assert.All(products, line => Assert.True(line is { OutOfScope: true, Taxable: false, Tax: 0m, IsMerchantOfRecordTax: false }));

        // Paddle, the merchant of record, charged the tax and remits it: none of it is the company's.
        var tax = sale.Lines[^1];
        Assert.True(tax.IsMerchantOfRecordTax);
        Assert.Equal(Minor(transaction, "details.totals.tax"), tax.Amount);
        Assert.Equal("Tax collected by Paddle, merchant of record (8.875%)", tax.Description);
        Assert.Empty(sale.Taxes);

        // Paddle's fee and the seller's earnings are not the sale; the fee is the payment's.
        Assert.NotEqual(Minor(transaction, "details.totals.earnings"), sale.Total);
        Assert.Equal(Minor(transaction, "details.totals.fee"), read.Payment!.Fee);
        Assert.Equal(Minor(transaction, "details.totals.grand_total"), read.Payment.Amount);
        Assert.Equal("72d47ad6-d938-4e70-8743-b8678b4ae1b6", read.Payment.Reference);
        Assert.Equal("card", read.Payment.Method);

        Assert.Equal(transaction.GetProperty("customer_id").GetString(), sale.Customer.ExternalId);
        Assert.Null(sale.Customer.Email);
        Assert.Null(sale.Number);
        Assert.Equal(new DateOnly(2023, 8, 22), sale.Date);
    }

    [Fact]
    public void TransactionCompleted_PaidOutInAnotherCurrency_CarriesThePayoutsExchangeRate()
    {
        // The fixture is paid out in its own currency (exchange_rate "1"): no conversion.
        Assert.Null(Read(Fixture("transaction.completed.json")).Sale!.ConvertedAt);

        var body = System.Text.Json.Nodes.JsonNode.Parse(Fixture("transaction.completed.json"))!;
        var payout = body["data"]!["details"]!["payout_totals"]!;
        (payout["currency_code"], payout["exchange_rate"]) = ("GBP", "0.79");

        Assert.Equal(new Conversion("GBP", 0.79m), Read(body.ToJsonString()).Sale!.ConvertedAt);
    }

    [Fact]
    public void TransactionPaid_IsLeftToTransactionCompleted()
    {
        var json = Fixture("transaction.paid.json");
        var transaction = DataOf(json);

        var read = Read(json);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal($"transaction:{transaction.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Contains("transaction.completed", read.IgnoredBecause);
    }

    [Fact]
    public void TransactionPaidBody_ReadAsCompleted_BooksGbpWithVatAsPaddles()
    {
        // The same transaction as transaction.completed would carry it: a GBP sale with 20% VAT on top, Paddle's to remit.
        var json = Fixture("transaction.paid.json");
        var transaction = DataOf(json);

        var sale = Read(json, asEventType: "transaction.completed").Sale!;

        Assert.Equal("GBP", sale.Currency);
        Assert.Equal(Minor(transaction, "details.totals.grand_total"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(Minor(transaction, "details.totals.subtotal"), sale.Lines.Where(line => !line.IsMerchantOfRecordTax).Sum(line => line.Amount));
        var tax = Assert.Single(sale.Lines, line => line.IsMerchantOfRecordTax);
        Assert.Equal((Minor(transaction, "details.totals.tax"), "Tax collected by Paddle, merchant of record (20%)"), (tax.Amount, tax.Description));
        Assert.Equal(0m, sale.TaxTotal);
    }

    [Fact]
    public void AdjustmentCreated_PendingApproval_MovesNoMoney()
    {
        var json = Fixture("adjustment.created.json");
        var adjustment = DataOf(json);

        var read = Read(json);

        Assert.Equal("pending_approval", adjustment.GetProperty("status").GetString());
        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal($"adjustment:{adjustment.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Contains("approval", read.IgnoredBecause);
        Assert.Empty(read.Refunds);
    }

    [Fact]
    public void CustomerCreated_MovesNoMoney()
    {
        var json = Fixture("customer.created.json");
        var adapter = new PaddleAdapter();
        using var signature = Fixtures.Load("paddle/customer.created.signature.json");
        var headers = signature.RootElement.GetProperty("headers").EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString()!);
        using var body = System.Text.Json.JsonDocument.Parse(json);

        var read = Read(json);

        // The signed delivery's headers do not name the event; the body does.
        Assert.Equal("customer.created", adapter.EventType(headers, body.RootElement));

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal($"customer:{DataOf(json).GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Equal("a customer record moves no money", read.IgnoredBecause);
    }
}
