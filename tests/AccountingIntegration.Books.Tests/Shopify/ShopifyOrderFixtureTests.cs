using System.Text.Json;
using AccountingIntegration.Books.Tests.Support;
using static AccountingIntegration.Books.Tests.Shopify.ShopifyDelivery;

namespace AccountingIntegration.Books.Tests.Shopify;

/// <summary>Shopify's published order bodies (SOURCES.md), each under the topic its file name names.</summary>
public sealed class ShopifyOrderFixtureTests
{
    [Fact]
    public void OrdersCreate_RestDocsOrder_IsUnpaidSaleWhoseUnallocatedDifferenceIsADiscount()
    {
        using var fixture = Fixtures.Load("shopify/order.rest-fixture.json");
        var order = fixture.RootElement;

        var read = Read("orders/create", order);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal("order:450789469", read.Subject.Key);
        var sale = Assert.IsType<Sale>(read.Sale);
        Assert.Equal(order.GetProperty("currency").GetString(), sale.Currency);
        Assert.Equal(Amount(order, "total_price"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        // Three lines of 199.00 against a subtotal of 398.00: Shopify's subtotal is after discounts, so
        // the 199.00 between them is a discount the body does not allocate.
        var lines = order.GetProperty("line_items").EnumerateArray().ToList();
        var linePrices = lines.Sum(line => Amount(line, "price") * line.GetProperty("quantity").GetDecimal());
        Assert.Equal(lines.Count, sale.Lines.Count);
        Assert.Equal(linePrices, sale.Lines.Sum(line => line.Amount));
        Assert.Equal(linePrices - Amount(order, "subtotal_price"), sale.OrderDiscount);
        Assert.Equal(199.00m, sale.OrderDiscount);
        // Made up from the totals, not read from the body: the sync log says so.
        Assert.Equal(
            "The order's lines come to 597.00 after their discounts, but Shopify states a subtotal of 398.00: the 199.00 between them, a discount the order does not allocate, is booked as a discount.",
            Assert.Single(sale.Notes));
        Assert.Equal(Amount(order, "total_tax"), sale.TaxTotal);
        var tax = Assert.Single(sale.Taxes);
        Assert.Equal(("State Tax", 0.06m), (tax.Name, tax.Rate));
        // financial_status authorized: the payment is held, not captured.
        Assert.Equal(0m, read.Paid);
        Assert.Equal(new DateOnly(2008, 1, 10), sale.Date);
        Assert.Equal("#1001", sale.Number);
        Assert.Equal("bob.norman@hostmail.com", sale.Customer.Email);
        Assert.Equal("Bob Norman", sale.Customer.Name);
        Assert.Equal("IPOD2008GREEN", sale.Lines[0].ItemKey);
    }

    [Fact]
    public void OrdersPaid_RestDocsOrderShape_IsPaidInFull()
    {
        using var fixture = Fixtures.Load("shopify/order.rest-fixture.json");

        var read = Read("orders/paid", fixture.RootElement);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal("order:450789469", read.Subject.Key);
        Assert.Equal(Amount(fixture.RootElement, "total_price"), read.Paid);
        Assert.Equal(read.Sale!.Total, read.Sale.ComputedTotal);
    }

    [Fact]
    public void OrdersCreate_VoidedCancelledSample_IsCancellationNotSale()
    {
        using var fixture = Fixtures.Load("shopify/orders-create.json");

        var read = Read("orders/create", fixture.RootElement);

        Assert.Equal(EventMeaning.Cancellation, read.Meaning);
        Assert.Equal($"order:{Id(fixture.RootElement)}", read.Subject.Key);
        Assert.Equal("order:820982911946154508", read.Subject.Key);
        Assert.Equal(read.Subject, read.Original);
        Assert.Null(read.Sale);
    }

    [Fact]
    public void OrdersCancelled_CurrentSample_IsCancellationOfTheOrder()
    {
        using var fixture = Fixtures.Load("shopify/orders-cancelled.json");

        var read = Read("orders/cancelled", fixture.RootElement);

        Assert.Equal(EventMeaning.Cancellation, read.Meaning);
        Assert.Equal("order:820982911946154508", read.Subject.Key);
        Assert.Equal(read.Subject, read.Original);
    }

    [Fact]
    public void OrdersUpdated_CancelledSample_IsNoMoneyBecauseOrdersCancelledReportsIt()
    {
        using var fixture = Fixtures.Load("shopify/orders-cancelled.json");

        var read = Read("orders/updated", fixture.RootElement);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains("orders/cancelled", read.IgnoredBecause);
    }

    [Theory]
    [InlineData("orders/create")]
    [InlineData("orders/paid")]
    public void DiscountCodeOrder_PaidIsTotalLessOutstanding(string topic)
    {
        using var fixture = Fixtures.Load("shopify/orders-create.discount-code.rest-docs.json");
        var order = fixture.RootElement;

        var read = Read(topic, order);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal("order:1073459981", read.Subject.Key);
        var sale = read.Sale!;
        Assert.Equal("USD", sale.Currency);
        Assert.Equal(Amount(order, "total_price"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        // financial_status says paid, total_outstanding says 131.09 is still owed: the balance wins.
        Assert.Equal(Amount(order, "total_price") - Amount(order, "total_outstanding"), read.Paid);
        var line = Assert.Single(sale.Lines);
        var allocated = order.GetProperty("line_items")[0].GetProperty("discount_allocations").EnumerateArray().Sum(a => Amount(a, "amount"));
        Assert.Equal(allocated, line.Discount);
        Assert.Equal(Amount(order, "total_discounts"), line.Discount);
        Assert.Equal(0m, sale.OrderDiscount);
        Assert.Empty(sale.Notes);
        Assert.Empty(sale.Taxes);
        Assert.Equal("jane@example.com", sale.Customer.Email);
        Assert.Equal(new DateOnly(2024, 10, 2), sale.Date);
    }

    [Fact]
    public void OrdersCreate_EuroShopWithTax_KeepsCurrencyRateAndTotals()
    {
        using var fixture = Fixtures.Load("shopify/orders-create.eur-shop-tax.rest-docs.json");
        var order = fixture.RootElement;

        var read = Read("orders/create", order);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        var sale = read.Sale!;
        Assert.Equal("EUR", sale.Currency);
        Assert.Equal(Amount(order, "total_price"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(Amount(order, "total_tax"), sale.TaxTotal);
        Assert.False(sale.PricesIncludeTax);
        var line = Assert.Single(sale.Lines);
        Assert.Equal(3m, line.Quantity);
        Assert.Equal(Amount(order, "subtotal_price"), line.Amount);
        Assert.Equal(0.06m, line.TaxRate);
        Assert.Equal(Amount(order, "total_tax"), line.Tax);
        Assert.Equal(Amount(order, "total_price") - Amount(order, "total_outstanding"), read.Paid);
        // The docs example has neither customer nor e-mail ("" is no address).
        Assert.True(sale.Customer.IsAnonymous);
    }

    [Fact]
    public void EveryOrderFixture_KeepsItsIdAsWrittenInTheJson()
    {
        foreach (var file in new[] { "order.rest-fixture.json", "orders-create.json", "orders-cancelled.json", "orders-create.discount-code.rest-docs.json", "orders-create.eur-shop-tax.rest-docs.json" })
        {
            using var fixture = Fixtures.Load($"shopify/{file}");

            var read = Read("orders/create", fixture.RootElement);

            Assert.Equal(Id(fixture.RootElement), read.Subject.Id);
        }
    }

    [Fact]
    public void OrdersCreate_TestOrder_IsBookedLikeAnyOther()
    {
        using var fixture = Fixtures.Load("shopify/order.rest-fixture.json");
        var body = JsonSerializer.Serialize(fixture.RootElement).Replace("\"test\":false", "\"test\":true", StringComparison.Ordinal);
        using var testOrder = JsonDocument.Parse(body);

        var read = Read("orders/create", testOrder.RootElement);

        // A store under test is normally connected to a QBO sandbox company: its orders are booked there.
        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal(409.94m, read.Sale!.Total);
    }
}
