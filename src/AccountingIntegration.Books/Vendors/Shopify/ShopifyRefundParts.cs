using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>What a Shopify refund says was returned: items, shipping, and the tax on them.</summary>
internal static class ShopifyRefundParts
{
    /// <summary>
    /// Returned items. Current bodies give each refunded line's <c>subtotal</c> and <c>total_tax</c>; old ones only
    /// embed the original line item, whose price is the best statement of the item's value (its tax lines' amounts
    /// are the whole line's, not the refunded part's, so only their rates are used: the part goes back at the rate, and
    /// so the tax code, its sale line took).
    /// </summary>
    public static IReadOnlyList<SaleLine> Lines(JsonElement refund, string currency) =>
        refund.Array("refund_line_items")
            .Select(returned =>
            {
                var quantity = returned.Decimal("quantity") ?? 0m;
                var price = returned.Amount("line_item.price") ?? 0m;
                return new SaleLine
                {
                    Description = returned.Text("line_item.name") ?? returned.Text("line_item.title") ?? "Item",
                    ItemKey = returned.Text("line_item.sku") ?? returned.Text("line_item.product_id") ?? returned.Text("line_item.name"),
                    Quantity = quantity,
                    UnitPrice = price,
                    Amount = returned.Amount("subtotal") ?? Money.Round(price * quantity, currency),
                    Tax = returned.Amount("total_tax") ?? 0m,
                    TaxRate = ShopifyLines.CombinedRate([.. returned.Array("line_item.tax_lines")]),
                    Taxable = returned.Bool("line_item.taxable") ?? true,
                    IsGiftCard = returned.Bool("line_item.gift_card") ?? false,
                    // Its total_tax is then the units' share of the line's tax.
                    PartOfItsSoldLine = quantity < (returned.Decimal("line_item.quantity") ?? quantity),
                };
            })
            .ToList();

    /// <summary>
    /// Import duties given back: the refund's <c>duties</c>, "a list of duties that have been returned as part of the refund"
    /// (https://shopify.dev/docs/api/admin-rest/latest/resources/refund), each an <c>amount_set</c> MoneyBag, taken in the
    /// shop's currency, as the order's duties were booked.
    /// </summary>
    public static decimal Duties(JsonElement refund) => refund.Array("duties").Sum(duty => duty.MoneyBag("amount_set") ?? 0m);

    /// <summary>The tax on the returned items, when the body states it per refunded line.</summary>
    public static decimal LineTax(JsonElement refund) => refund.Array("refund_line_items").Sum(returned => returned.Amount("total_tax") ?? 0m);

    /// <summary>
    /// What the refund lists, when a <c>refund_discrepancy</c> order adjustment records a difference from the money: items
    /// refunded for less than their calculated amount (https://shopify.dev/docs/api/admin-rest/2023-10/resources/refund), a
    /// restocking fee kept, or an order cancelled after a deposit, whose every line is listed while only the deposit goes
    /// back. The adjustment's sign is not documented, so the parts are weighed against the money instead
    /// (<see cref="RefundInfo.ListsMoreThanItsMoney"/>). A line's <c>subtotal</c> is its price, which holds its tax where
    /// the order's <c>taxes_included</c> is true; the refund does not say which, its sale does.
    /// </summary>
    public static ListedParts? Discrepancy(JsonElement refund, IReadOnlyList<SaleLine> lines, (decimal Amount, decimal Tax) shipping) =>
        refund.Array("order_adjustments").Any(adjustment => adjustment.Text("kind") == "refund_discrepancy")
            ? new ListedParts(lines.Sum(line => line.Amount), LineTax(refund), shipping.Amount + shipping.Tax)
            : null;

    /// <summary>
    /// Shipping given back, before tax, and its tax. The REST Refund records it as an order adjustment of kind
    /// <c>shipping_refund</c> with negative <c>amount</c> and <c>tax_amount</c> (Shopify's own example: "-5.00");
    /// bodies that list <c>refund_shipping_lines</c> (subtotal and tax MoneyBags) say it there instead, and then
    /// the adjustments are not counted again.
    /// </summary>
    public static (decimal Amount, decimal Tax) Shipping(JsonElement refund)
    {
        var lines = refund.Array("refund_shipping_lines").ToList();
        if (lines.Count > 0)
        {
            return (lines.Sum(line => line.MoneyBag("subtotal_amount_set") ?? 0m), lines.Sum(line => line.MoneyBag("tax_amount_set") ?? 0m));
        }

        var adjustments = refund.Array("order_adjustments").Where(adjustment => adjustment.Text("kind") == "shipping_refund").ToList();
        return (
            Math.Abs(adjustments.Sum(adjustment => adjustment.Amount("amount") ?? 0m)),
            Math.Abs(adjustments.Sum(adjustment => adjustment.Amount("tax_amount") ?? 0m)));
    }
}
