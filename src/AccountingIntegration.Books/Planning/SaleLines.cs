namespace AccountingIntegration.Books;

/// <summary>
/// The item lines of a sale: what was sold, then shipping, fees, tips and gift cards, each on its item, with the
/// tax rate the vendor charged on it. Discounts stay separate: the caller books them as a discount line or folds
/// them into the lines, as the company's tax regime needs.
/// </summary>
internal static class SaleLines
{
    public static List<DocLine> Compose(Sale sale, BookingSettings settings)
    {
        var lines = new List<DocLine>();
        var orderRate = OrderRate(sale);
        foreach (var line in sale.Lines)
        {
            var key = line.IsGiftCard ? settings.GiftCardItem
                : line.IsCustomerBalance ? settings.CustomerBalanceItem
                : line.IsMerchantOfRecordTax ? settings.MerchantOfRecordTaxItem
                : line.ItemKey ?? settings.DefaultItem;
            var outOfScope = line.IsGiftCard || line.IsCustomerBalance || line.IsMerchantOfRecordTax || line.OutOfScope;
            var rate = outOfScope || !line.Taxable ? null : Rate(line.TaxRate, line.Tax, line.Amount - line.Discount, sale.PricesIncludeTax) ?? orderRate;
            lines.Add(new DocLine(key, line.Description, line.Quantity, line.UnitPrice, line.Amount, rate?.Percent)
            {
                OutOfScope = outOfScope,
                RateTolerance = rate?.Tolerance ?? 0m,
            });
        }

        lines.AddRange(sale.Shipping.Select(c => Charge(settings.ShippingItem, c, sale.PricesIncludeTax, orderRate)));
        lines.AddRange(sale.Fees.Select(c => Charge(settings.FeesItem, c, sale.PricesIncludeTax, orderRate)));
        // A tip is the staff's, never taxed.
        lines.AddRange(sale.Tips.Select(c => new DocLine(settings.TipsItem, c.Description, null, null, c.Amount, null) { OutOfScope = true }));

        // Takings whose tax the vendor does not state are not known to be zero-rated: claimed as such they would count on
        // the VAT return as sales with no VAT due. Out of scope, they wait to be booked from the vendor's sales report. A sale
        // through a merchant of record is that seller's supply to the buyer, not the company's: out of scope too.
        return sale.TaxNotStated || sale.SoldThroughMerchantOfRecord ? [.. lines.Select(line => line with { OutOfScope = true })] : lines;
    }

    /// <summary>Each line's discount (line discounts plus charge discounts), in line order; the order discount is separate.</summary>
    public static List<decimal> Discounts(Sale sale) =>
        [.. sale.Lines.Select(l => l.Discount), .. sale.Shipping.Select(c => c.Discount), .. sale.Fees.Select(c => c.Discount), .. sale.Tips.Select(c => c.Discount)];

    /// <summary>The rate the whole sale was taxed at, in percent (<see cref="OrderRate"/>); null when no tax was charged.</summary>
    public static decimal? OrderRatePercent(Sale sale) => OrderRate(sale)?.Percent;

    /// <summary>
    /// The rate the whole sale was taxed at: the sum of the reported rates (state + county), else the rate the tax
    /// total implies on the taxable lines; null when no tax was charged.
    /// </summary>
    private static ImpliedRate? OrderRate(Sale sale)
    {
        var taxes = sale.Taxes.Where(t => t.Amount != 0).ToList();
        if (taxes.Count == 0)
        {
            return null;
        }

        if (taxes.All(t => t.Rate is not null))
        {
            return new ImpliedRate(taxes.Sum(t => t.Rate!.Value) * 100m, 0m);
        }

        var taxable = sale.Lines.Where(l => l.Taxable && !l.IsGiftCard && !l.IsCustomerBalance && l.TaxRate != 0m).Sum(l => l.Amount - l.Discount) - sale.OrderDiscount;
        var net = sale.PricesIncludeTax ? taxable - sale.TaxTotal : taxable;
        return net > 0 ? ImpliedRate.Of(sale.TaxTotal, net) : null;
    }

    private static DocLine Charge(string item, Charge charge, bool pricesIncludeTax, ImpliedRate? orderRate)
    {
        var rate = charge.Tax == 0 && charge.TaxRate is null ? null : Rate(charge.TaxRate, charge.Tax, charge.Amount - charge.Discount, pricesIncludeTax) ?? orderRate;
        return new DocLine(item, charge.Description, null, null, charge.Amount, rate?.Percent) { RateTolerance = rate?.Tolerance ?? 0m };
    }

    /// <summary>
    /// The stated rate (0 for a line the vendor zero-rates, which must not take the order's rate), else the rate the tax
    /// amount implies on the (net or gross) base; null when untaxed.
    /// </summary>
    private static ImpliedRate? Rate(decimal? stated, decimal tax, decimal amount, bool pricesIncludeTax)
    {
        if (stated is { } rate)
        {
            return new ImpliedRate(rate * 100m, 0m);
        }

        if (tax == 0 || amount == 0)
        {
            return null;
        }

        var net = pricesIncludeTax ? amount - tax : amount;
        return net == 0 ? null : ImpliedRate.Of(tax, net);
    }

    /// <summary>A rate in percent, and how far the rate charged may be from it (<see cref="DocLine.RateTolerance"/>).</summary>
    private sealed record ImpliedRate(decimal Percent, decimal Tolerance)
    {
        /// <summary>The rate that <paramref name="tax"/> on <paramref name="net"/> implies, each stated to the cent: a cent of tax either way is 1 ÷ net points.</summary>
        public static ImpliedRate Of(decimal tax, decimal net) => new(Math.Round(tax / net * 100m, 3), Math.Abs(1m / net));
    }
}
