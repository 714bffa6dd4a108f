using System.Net;
using System.Text.Json.Nodes;
using AccountingIntegration.Books.Tests.Support;
using static AccountingIntegration.Books.Tests.WooCommerce.WooCommerceDelivery;

namespace AccountingIntegration.Books.Tests.WooCommerce;

/// <summary>WooCommerce's published order bodies (SOURCES.md), each under the topic its file name names.</summary>
public sealed class WooCommerceFixtureTests
{
    [Fact]
    public void OrderCreated_RestProcessingOrder_IsAPaidSaleToTheCent()
    {
        using var fixture = Fixtures.Load("woocommerce/order.created.json");
        var order = fixture.RootElement;

        var read = Read("order.created", order);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal("order:727", read.Subject.Key);
        var sale = read.Sale!;
        Assert.Equal("USD", sale.Currency);
        Assert.Equal(Amount(order, "total"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(Amount(order, "total"), read.Paid);
        Assert.Equal(Sum(order, "line_items", "subtotal"), sale.Lines.Sum(line => line.Amount));
        Assert.Equal(Sum(order, "line_items", "total_tax"), sale.Lines.Sum(line => line.Tax));
        Assert.Equal(Amount(order, "shipping_total"), sale.Shipping.Sum(charge => charge.Amount));
        Assert.Equal(Amount(order, "total_tax"), sale.TaxTotal);
        Assert.Equal("State Tax", Assert.Single(sale.Taxes).Name);
        Assert.False(sale.PricesIncludeTax);
        // The name is HTML in WooCommerce ("&ndash;"); the line says the character.
        Assert.Equal(WebUtility.HtmlDecode(order.GetProperty("line_items")[1].GetProperty("name").GetString()), sale.Lines[1].Description);
        Assert.Equal("Ship Your Idea – Color: Black, Size: M Test", sale.Lines[1].Description);
        Assert.Equal(("Bar3", 12m), (sale.Lines[1].ItemKey, sale.Lines[1].UnitPrice));
        Assert.Equal((2m, 3m), (sale.Lines[0].Quantity, sale.Lines[0].UnitPrice));
        Assert.Equal(new DateOnly(2017, 3, 22), sale.Date);
        Assert.Equal("727", sale.Number);
        // customer_id 0 is a guest: the billing address names the buyer.
        Assert.Equal(("John Doe", "john.doe@example.com", (string?)null), (sale.Customer.Name, sale.Customer.Email, sale.Customer.ExternalId));
        var payment = read.Payment!;
        Assert.Equal((Amount(order, "total"), "Direct Bank Transfer", new DateOnly(2017, 3, 22)), (payment.Amount, payment.Method, payment.Date));
    }

    [Fact]
    public void OrderUpdated_OrderListingRefunds_IsOneRefundPerEntry()
    {
        using var fixture = Fixtures.Load("woocommerce/order.updated.json");
        var order = fixture.RootElement;

        var read = Read("order.updated", order);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("order:723", read.Subject.Key);
        Assert.Equal("order:723", read.Original!.Key);
        var expected = order.GetProperty("refunds").EnumerateArray()
            .Select(entry => (entry.GetProperty("id").GetRawText(), -Amount(entry, "total")))
            .ToList();
        Assert.Equal(expected, read.Refunds.Select(refund => (refund.RefundId, refund.Amount)));
        Assert.Equal([("726", 10.00m), ("724", 9.00m)], read.Refunds.Select(refund => (refund.RefundId, refund.Amount)));
        Assert.All(read.Refunds, refund => Assert.Equal(("USD", new DateOnly(2017, 3, 21)), (refund.Currency, refund.Date)));
        // The order comes along, so a sale whose order.created never arrived is booked before its refunds.
        Assert.Equal(Amount(order, "total"), read.Sale!.Total);
        Assert.Equal(read.Sale.Total, read.Sale.ComputedTotal);
    }

    [Fact]
    public void OrderUpdated_CompletedBankTransferWithoutPaymentDate_IsPaid()
    {
        var order = Editable("woocommerce/order.updated.json");
        order["refunds"] = new JsonArray();

        var read = Read("order.updated", order);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        var sale = read.Sale!;
        var total = decimal.Parse(order["total"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(total, sale.Total);
        Assert.Equal(total, read.Paid);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        // date_paid is null: the order's completion is when the transfer was confirmed.
        Assert.Equal(new DateOnly(2017, 3, 21), read.Payment!.Date);
        Assert.Equal(("João Silva", "26", "BR"), (sale.Customer.Name, sale.Customer.ExternalId, sale.Customer.BillingAddress!.Country));
        Assert.All(sale.Lines, line => Assert.False(line.Taxable));
    }

    [Fact]
    public void OrderRefundObject_AgreesWithTheRefundTheOrderLists()
    {
        using var refundFixture = Fixtures.Load("woocommerce/order-refund.rest-docs.json");
        using var orderFixture = Fixtures.Load("woocommerce/order.updated.json");
        var refundObject = refundFixture.RootElement;

        var listed = Read("order.updated", orderFixture.RootElement).Refunds
            .Single(refund => refund.RefundId == refundObject.GetProperty("id").GetRawText());

        // The Order Refund's amount is positive text, the order's entry negative: the same 9.00 went back.
        Assert.Equal(Amount(refundObject, "amount"), listed.Amount);
        var refundedItem = refundObject.GetProperty("line_items")[0].GetProperty("meta_data")[0].GetProperty("value").GetString();
        Assert.Contains(orderFixture.RootElement.GetProperty("line_items").EnumerateArray(), line => line.GetProperty("id").GetRawText() == refundedItem);
    }

    [Fact]
    public void OrderUpdated_BodyThatIsARefundObject_IsThatRefundOfTheOrderItLinksUpTo()
    {
        // WooCommerce has no refund topic; an integration relaying the REST Order Refund sends this under an order topic.
        using var fixture = Fixtures.Load("woocommerce/order-refund.rest-docs.json");
        var refund = fixture.RootElement;

        var read = Read("order.updated", refund);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("refund:724", read.Subject.Key);
        Assert.Equal("order:723", read.Original!.Key);
        var booked = Assert.Single(read.Refunds);
        Assert.Equal(("724", Amount(refund, "amount"), new DateOnly(2017, 3, 21)), (booked.RefundId, booked.Amount, booked.Date));
        // The object names no currency: the order's is meant.
        Assert.Equal(string.Empty, booked.Currency);
    }

    [Fact]
    public void OrderCreated_LegacyV3Order_IsAPaidSaleWithBothTaxLines()
    {
        using var fixture = Fixtures.Load("woocommerce/order.created.legacy-v3.json");
        var order = fixture.RootElement.GetProperty("order");

        var read = Read("order.created", fixture.RootElement);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal("order:645", read.Subject.Key);
        var sale = read.Sale!;
        Assert.Equal("USD", sale.Currency);
        Assert.Equal(Amount(order, "total"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(Amount(order, "total"), read.Paid);
        Assert.Equal(Amount(order, "subtotal"), sale.Lines.Sum(line => line.Amount));
        Assert.Equal(Amount(order, "cart_tax"), sale.Lines.Sum(line => line.Tax));
        var shipping = Assert.Single(sale.Shipping);
        Assert.Equal((Amount(order, "total_shipping"), Amount(order, "shipping_tax")), (shipping.Amount, shipping.Tax));
        Assert.Equal(Amount(order, "total_tax"), sale.TaxTotal);
        Assert.Equal(["Tax", "Standard"], sale.Taxes.Select(tax => tax.Name));
        Assert.Equal(0m, sale.OrderDiscount);
        Assert.Empty(sale.Fees);
        Assert.Equal((2m, 21.99m), (sale.Lines[0].Quantity, sale.Lines[0].UnitPrice));
        Assert.Equal(("John Doe", "john.doe@example.com", "2"), (sale.Customer.Name, sale.Customer.Email, sale.Customer.ExternalId));
        Assert.Equal(new DateOnly(2015, 1, 26), sale.Date);
        Assert.Equal("645", sale.Number);
        Assert.Equal("Direct Bank Transfer", read.Payment!.Method);
    }
}
