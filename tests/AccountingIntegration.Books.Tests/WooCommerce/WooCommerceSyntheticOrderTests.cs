using System.Text.Json;
using static AccountingIntegration.Books.Tests.WooCommerce.WooCommerceDelivery;

namespace AccountingIntegration.Books.Tests.WooCommerce;

/// <summary>
/// Cases WooCommerce's own material lacks (SOURCES.md: no order with coupon_lines, none refunded). The bodies
/// were written for these tests from the REST API v3 order properties (woocommerce-rest-api-docs,
/// wp-api-v3/_orders.md: line, shipping, fee, coupon and tax lines, refunds), keeping only what the books read.
/// </summary>
public sealed class WooCommerceSyntheticOrderTests
{
    // Two hoodies at 45.00 with a 10 % coupon (9.00 off, 0.90 of tax), a taxable 5.00 gift-wrap fee, a
    // -3.00 loyalty credit given as a negative fee, shipping 10.00 taxed 1.00; tax 10 %.
    private const string OrderWithCouponAndFees = """
        {
          "id": 901, "number": "901", "status": "processing", "currency": "EUR", "prices_include_tax": false,
          "date_created": "2024-05-01T00:40:00", "date_created_gmt": "2024-04-30T22:40:00",
          "date_paid": "2024-05-01T00:41:00", "date_modified": "2024-05-01T00:41:00",
          "discount_total": "9.00", "discount_tax": "0.90", "shipping_total": "10.00", "shipping_tax": "1.00",
          "cart_tax": "8.60", "total_tax": "9.60", "total": "102.60",
          "customer_id": 12, "payment_method": "stripe", "payment_method_title": "Credit card", "transaction_id": "ch_3Abc",
          "billing": { "first_name": "Lea", "last_name": "Kraus", "company": "Kraus &amp; Söhne", "email": "lea@example.de", "country": "DE" },
          "line_items": [
            { "id": 1, "name": "Hoodie", "product_id": 40, "quantity": 2, "sku": "HD-1",
              "subtotal": "90.00", "subtotal_tax": "9.00", "total": "81.00", "total_tax": "8.10",
              "taxes": [{ "id": 7, "total": "8.1", "subtotal": "9" }], "price": 40.5 }
          ],
          "shipping_lines": [{ "id": 2, "method_title": "Flat rate", "method_id": "flat_rate", "total": "10.00", "total_tax": "1.00" }],
          "fee_lines": [
            { "id": 3, "name": "Gift wrap", "tax_status": "taxable", "total": "5.00", "total_tax": "0.50" },
            { "id": 4, "name": "Loyalty credit", "tax_status": "none", "total": "-3.00", "total_tax": "0.00" }
          ],
          "coupon_lines": [{ "id": 5, "code": "spring10", "discount": "9.00", "discount_tax": "0.90" }],
          "tax_lines": [{ "id": 6, "rate_code": "DE-MWST-1", "rate_id": 7, "label": "MwSt", "compound": false, "tax_total": "8.60", "shipping_tax_total": "1.00", "rate_percent": 10 }],
          "refunds": []
        }
        """;

    [Fact]
    public void OrderCreated_CouponAndFeeLines_AddUpToTheTotal()
    {
        using var document = JsonDocument.Parse(OrderWithCouponAndFees);
        var order = document.RootElement;

        var read = Read("order.created", order);

        var sale = read.Sale!;
        Assert.Equal(Amount(order, "total"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        var line = Assert.Single(sale.Lines);
        Assert.Equal((90.00m, 9.00m, 8.10m, 0.10m, 45.00m), (line.Amount, line.Discount, line.Tax, line.TaxRate, line.UnitPrice));
        Assert.Equal(Amount(order, "discount_total"), sale.Lines.Sum(l => l.Discount));
        var fee = Assert.Single(sale.Fees);
        Assert.Equal(("Gift wrap", 5.00m, 0.50m), (fee.Description, fee.Amount, fee.Tax));
        Assert.Equal(3.00m, sale.OrderDiscount);
        Assert.Equal(Amount(order, "total_tax"), sale.TaxTotal);
        Assert.Equal(("MwSt", 0.10m), (sale.Taxes[0].Name, sale.Taxes[0].Rate));
        Assert.Equal((10.00m, 1.00m), (sale.Shipping[0].Amount, sale.Shipping[0].Tax));
        Assert.Equal("Kraus & Söhne", sale.Customer.Company);
        // The shop's own day (date_created is site time), though it was still 30 April in GMT.
        Assert.Equal(new DateOnly(2024, 5, 1), sale.Date);
        Assert.Equal(("ch_3Abc", "Credit card"), (read.Payment!.Reference, read.Payment.Method));
    }

    [Fact]
    public void OrderUpdated_RefundedOrder_IsARefundOfTheWholeTotal()
    {
        using var document = JsonDocument.Parse(OrderWithCouponAndFees
            .Replace("\"status\": \"processing\"", "\"status\": \"refunded\"", StringComparison.Ordinal)
            .Replace("\"date_modified\": \"2024-05-01T00:41:00\"", "\"date_modified\": \"2024-05-03T10:00:00\"", StringComparison.Ordinal)
            .Replace("\"refunds\": []", "\"refunds\": [{ \"id\": 950, \"reason\": \"Damaged in transit\", \"total\": \"-102.60\" }]", StringComparison.Ordinal));

        var read = Read("order.updated", document.RootElement);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal("order:901", read.Original!.Key);
        var refund = Assert.Single(read.Refunds);
        Assert.Equal(("950", 102.60m, "EUR", "Damaged in transit", new DateOnly(2024, 5, 3)), (refund.RefundId, refund.Amount, refund.Currency, refund.Reason, refund.Date));
    }

    // A shop entering prices with 20 % VAT: 120.00 gross is stored as 100.00 + 20.00 tax.
    private const string TaxInclusiveOrder = """
        {
          "id": 902, "status": "completed", "currency": "GBP", "prices_include_tax": true,
          "date_created": "2024-02-01T12:00:00", "date_paid": "2024-02-01T12:01:00",
          "total": "126.00", "total_tax": "21.00",
          "line_items": [{ "id": 1, "name": "Teapot", "quantity": 1, "subtotal": "100.00", "subtotal_tax": "20.00", "total": "100.00", "total_tax": "20.00", "taxes": [{ "id": 3 }] }],
          "shipping_lines": [{ "id": 2, "method_title": "Royal Mail", "total": "5.00", "total_tax": "1.00" }],
          "fee_lines": [], "tax_lines": [{ "id": 4, "rate_id": 3, "label": "VAT", "tax_total": "20.00", "shipping_tax_total": "1.00" }],
          "refunds": []
        }
        """;

    [Fact]
    public void OrderCreated_PricesIncludeTax_StatesGrossAmounts()
    {
        using var document = JsonDocument.Parse(TaxInclusiveOrder);

        var sale = Read("order.created", document.RootElement).Sale!;

        Assert.True(sale.PricesIncludeTax);
        Assert.Equal((120.00m, 20.00m), (sale.Lines[0].Amount, sale.Lines[0].Tax));
        Assert.Equal(6.00m, sale.Shipping[0].Amount);
        Assert.Equal(21.00m, sale.TaxTotal);
        Assert.Equal(126.00m, sale.ComputedTotal);
        Assert.Equal(sale.Total, sale.ComputedTotal);
    }

    [Fact]
    public void OrderCreated_FractionalQuantity_KeepsItAndItsUnitPrice()
    {
        using var document = JsonDocument.Parse(TaxInclusiveOrder
            .Replace("\"quantity\": 1,", "\"quantity\": 0.75,", StringComparison.Ordinal));

        var line = Read("order.created", document.RootElement).Sale!.Lines[0];

        Assert.Equal((0.75m, 160.00m, 120.00m), (line.Quantity, line.UnitPrice, line.Amount));
    }
}
