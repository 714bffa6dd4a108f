using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// Which of an order's two sets of totals describes the sale. Shopify keeps the totals as placed
/// (<c>total_price</c>, <c>subtotal_price</c>, <c>quantity</c>) and the current ones (<c>current_total_price</c>,
/// <c>current_quantity</c>…), which "reflect order edits, returns, and refunds" (Order resource). The sale is
/// the order's state at the event, so the current totals win, except once the order has refunds: those
/// are booked from refunds/create, and current totals would take them off the sale a second time.
/// </summary>
internal sealed record ShopifyOrderView(bool UsesCurrentTotals)
{
    public static ShopifyOrderView For(JsonElement order) =>
        new(order.Amount("current_total_price") is not null && !order.Array("refunds").Any());

    public string TotalPrice => UsesCurrentTotals ? "current_total_price" : "total_price";

    public string SubtotalPrice => UsesCurrentTotals ? "current_subtotal_price" : "subtotal_price";

    public string TotalTax => UsesCurrentTotals ? "current_total_tax" : "total_tax";

    public string Duties => UsesCurrentTotals ? "current_total_duties_set" : "original_total_duties_set";

    public string AdditionalFees => UsesCurrentTotals ? "current_total_additional_fees_set" : "original_total_additional_fees_set";

    /// <summary>The line's quantity in this view (an edit can lower it, to 0 when the line was removed).</summary>
    public decimal Quantity(JsonElement line)
    {
        var ordered = line.Decimal("quantity") ?? 0m;
        return UsesCurrentTotals ? line.Decimal("current_quantity") ?? ordered : ordered;
    }

    /// <summary>An edit changed what was sold: a line's quantity or the order's total moved (and no refund explains it).</summary>
    public bool IsEdited(JsonElement order) =>
        UsesCurrentTotals
        && (order.Amount("current_total_price") != order.Amount("total_price")
            || order.Array("line_items").Any(line => Quantity(line) != (line.Decimal("quantity") ?? 0m)));
}
