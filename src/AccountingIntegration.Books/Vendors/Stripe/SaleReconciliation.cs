namespace AccountingIntegration.Books.Vendors;

/// <summary>
/// Makes a sale's parts come to the vendor's own total. Vendors' totals are authoritative; their parts
/// sometimes are not (a truncated line list, rounding spread over lines, a credit the lines do not show).
/// The difference is kept visible instead of being smeared over the lines: parts that exceed the total
/// become an order discount, parts that fall short become a fee named "Adjustment" (with the tax the parts do not carry),
/// and the sync log says so.
/// </summary>
/// <remarks>Shared by the Stripe, Paddle and PayPal adapters; it sits in the Stripe folder until the vendors get a shared one.</remarks>
internal static class SaleReconciliation
{
    public const string AdjustmentName = "Adjustment";

    public static Sale Reconciled(this Sale sale)
    {
        var shortfall = sale.Total - sale.ComputedTotal;
        var what = $"The sale's parts come to {Money.Show(sale.ComputedTotal)}, but its total is {Money.Show(sale.Total)}";
        if (shortfall < 0)
        {
            return sale with
            {
                OrderDiscount = sale.OrderDiscount - shortfall,
                Notes = [.. sale.Notes, $"{what}: the {Money.Show(-shortfall)} between them is booked as a discount."],
            };
        }

        if (shortfall > 0)
        {
            return sale with
            {
                Fees = [.. sale.Fees, new Charge(AdjustmentName, shortfall) { Tax = UntoldTax(sale) }],
                Notes = [.. sale.Notes, $"{what}: the {Money.Show(shortfall)} its parts do not show is booked as an \"{AdjustmentName}\" fee."],
            };
        }

        return sale;
    }

    /// <summary>
    /// The sale's tax that its parts do not carry, where its parts state their tax: a line list cut short (Stripe's
    /// <c>lines.has_more</c>) lists the tax of the lines it shows, while the invoice's tax is all of it, so the rest is on
    /// the lines it leaves out, and goes with them. Where no part states its tax, the tax is the sale's as a whole: none.
    /// </summary>
    private static decimal UntoldTax(Sale sale)
    {
        var told = sale.Lines.Sum(l => l.Tax) + sale.Shipping.Sum(c => c.Tax) + sale.Fees.Sum(c => c.Tax) + sale.Tips.Sum(c => c.Tax);
        return told == 0m ? 0m : Math.Max(sale.TaxTotal - told, 0m);
    }
}
