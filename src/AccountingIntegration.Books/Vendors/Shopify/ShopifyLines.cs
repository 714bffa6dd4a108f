using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>An order's line items as sale lines: price × quantity, the discounts allocated to the line, its taxes.</summary>
internal static class ShopifyLines
{
    /// <summary>The first line item without a price, as a JSON path, or null when every line has one.</summary>
    public static string? MissingPrice(JsonElement order) =>
        order.Array("line_items").Select((line, index) => (line, index))
            .Where(item => item.line.Amount("price") is null)
            .Select(item => $"line_items[{item.index}].price")
            .FirstOrDefault();

    public static IReadOnlyList<SaleLine> Read(JsonElement order, ShopifyOrderView view, string currency, decimal tip)
    {
        var lines = new List<SaleLine>();
        // Where the order states its tax line by line, a taxable line with no tax line was charged none (a threshold, an
        // exemption): it is taxed at 0 %, not at the order's rate.
        var taxedPerLine = order.Array("line_items").Any(line => line.Array("tax_lines").Any());
        foreach (var line in order.Array("line_items"))
        {
            var quantity = view.Quantity(line);
            if (quantity == 0m || IsTip(line, tip))
            {
                continue;
            }

            var taxes = line.Array("tax_lines").ToList();
            var price = line.Amount("price") ?? 0m;
            lines.Add(new SaleLine
            {
                Description = line.Text("name") ?? line.Text("title") ?? "Item",
                ItemKey = line.Text("sku") ?? line.Text("product_id") ?? line.Text("name") ?? line.Text("title"),
                Quantity = quantity,
                UnitPrice = price,
                Amount = Money.Round(price * quantity, currency),
                Discount = Discount(line, quantity, currency),
                Tax = taxes.Sum(tax => tax.Amount("price") ?? 0m),
                TaxRate = taxedPerLine && taxes.Count == 0 ? 0m : CombinedRate(taxes),
                Taxable = line.Bool("taxable") ?? true,
                IsGiftCard = line.Bool("gift_card") ?? false,
            });
        }

        return lines;
    }

    /// <summary>
    /// Every discount, a code's or an automatic one, order-level or not, reaches the lines through
    /// <c>discount_allocations</c>; older bodies have only <c>total_discount</c>. <c>discount_codes</c> and
    /// <c>discount_applications</c> describe the same money again (and the REST docs' order #1001 lists a 10.00
    /// code beside <c>total_discounts</c> 0.00), so they are not added. Allocations are for the quantity ordered,
    /// so an edit that lowered the quantity keeps the same share per unit.
    /// </summary>
    private static decimal Discount(JsonElement line, decimal quantity, string currency)
    {
        var allocated = line.At("discount_allocations") is not null
            ? line.SumOf("discount_allocations", "amount")
            : line.Amount("total_discount") ?? 0m;
        var ordered = line.Decimal("quantity") ?? quantity;
        return ordered == 0m || ordered == quantity ? allocated : Money.Round(allocated * quantity / ordered, currency);
    }

    /// <summary>Several jurisdictions (state and county) tax one line; their rates add up to the line's rate.</summary>
    public static decimal? CombinedRate(IReadOnlyList<JsonElement> taxes) =>
        taxes.Count > 0 && taxes.All(tax => tax.Decimal("rate") is not null) ? taxes.Sum(tax => tax.Decimal("rate") ?? 0m) : null;

    /// <summary>
    /// A tip can be sold as a line item of its own ("Tip", no product); <c>total_tip_received</c> already brings
    /// it in, and Shopify's <c>subtotal_price</c> leaves tips out, so that line is not a sold item.
    /// </summary>
    private static bool IsTip(JsonElement line, decimal tip) =>
        tip > 0m
        && line.Text("product_id") is null
        && line.Bool("gift_card") != true
        && string.Equals(line.Text("title") ?? line.Text("name"), "Tip", StringComparison.OrdinalIgnoreCase);
}
