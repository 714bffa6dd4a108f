namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// Makes a WooCommerce sale's parts come to the order's <c>total</c> ("Grand total"), which is the authority.
/// A shortfall the parts do not show becomes an "Adjustment" fee, an excess an order discount.
/// </summary>
internal static class WooCommerceTotals
{
    /// <param name="sale">The sale as read from the lines, charges and taxes.</param>
    /// <param name="subtotal">
    /// The order's subtotal before discounts, when the body states one (the legacy API's <c>subtotal</c>); lines
    /// adding up to more carry a discount the body does not show, lines adding up to less an amount it does not.
    /// </param>
    public static Sale Balance(Sale sale, decimal? subtotal)
    {
        if (subtotal is { } vendorSubtotal)
        {
            sale = Settle(sale, vendorSubtotal - sale.Lines.Sum(line => line.Amount));
        }

        return Settle(sale, sale.Total - sale.ComputedTotal);
    }

    private static Sale Settle(Sale sale, decimal shortfall) => shortfall switch
    {
        > 0m => sale with { Fees = [.. sale.Fees, new Charge("Adjustment", shortfall)] },
        < 0m => sale with { OrderDiscount = sale.OrderDiscount - shortfall },
        _ => sale,
    };
}
