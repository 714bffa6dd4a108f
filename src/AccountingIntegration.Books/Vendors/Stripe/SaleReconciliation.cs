namespace AccountingIntegration.Books.Vendors;

/// <summary>
/// Makes a sale's parts come to the vendor's own total. Vendors' totals are authoritative; their parts
/// sometimes are not (a truncated line list, rounding spread over lines, a credit the lines do not show).
/// The difference is kept visible instead of being smeared over the lines: parts that exceed the total
/// become an order discount, parts that fall short become a fee named "Adjustment", and the sync log says so.
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
                Fees = [.. sale.Fees, new Charge(AdjustmentName, shortfall)],
                Notes = [.. sale.Notes, $"{what}: the {Money.Show(shortfall)} its parts do not show is booked as an \"{AdjustmentName}\" fee."],
            };
        }

        return sale;
    }
}
