using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// A REST v3 order's line items as sale lines. Coupons reach the lines: a line's discount is its subtotal
/// less its total, and <c>coupon_lines</c> only restate it per code, so they are not counted again.
/// </summary>
internal static class WooCommerceLines
{
    public static IReadOnlyList<SaleLine> Read(JsonElement order, bool includesTax)
    {
        var rates = WooCommerceCharges.RatesById(order);
        return order.Array("line_items")
            .Select(line =>
            {
                var total = line.Decimal("total") ?? 0m;
                var totalTax = line.Decimal("total_tax") ?? 0m;
                var subtotal = line.Decimal("subtotal") ?? total;
                var subtotalTax = line.Decimal("subtotal_tax") ?? totalTax;
                var beforeDiscount = includesTax ? subtotal + subtotalTax : subtotal;
                var afterDiscount = includesTax ? total + totalTax : total;
                // A line priced up after the cart (subtotal below total) has no discount to show.
                var amount = Math.Max(beforeDiscount, afterDiscount);
                var quantity = line.Decimal("quantity") ?? 1m;
                var rate = WooCommerceCharges.RateOf(line, rates);
                return new SaleLine
                {
                    Description = line.Decoded("name") ?? "Item",
                    ItemKey = line.Text("sku") ?? (line.Text("product_id") is { } product and not "0" ? product : null) ?? line.Decoded("name"),
                    Quantity = quantity,
                    UnitPrice = Money.UnitPrice(amount, quantity),
                    Amount = amount,
                    Discount = amount - afterDiscount,
                    Tax = totalTax,
                    TaxRate = rate,
                    // A line of the zero-rate class names its 0 % rate: taxable, at nothing.
                    Taxable = totalTax != 0m || subtotalTax != 0m || rate == 0m,
                };
            })
            .ToList();
    }
}
