namespace AccountingIntegration.Books;

/// <summary>
/// A refund's lines that name the sold line they return by its id (<see cref="SaleLine.SourceId"/>: an in-house app's
/// <c>refund.lines[].lineId</c>). What such a line leaves out comes from that line of the sale (delivered with the refund,
/// or as stated when the sale was booked): its item and description, its tax rate, and whether it was taxed or a gift
/// card. So the money goes back out of the income account it went into, at the tax code it was charged at, without the
/// sender restating the product.
/// </summary>
internal static class ReturnedLines
{
    /// <summary>The refund with its named lines filled in from <paramref name="sold"/>; a problem when a line names none of its lines.</summary>
    public static (RefundInfo Refund, AdapterProblem? Problem) OnTheSoldLines(RefundInfo refund, Sale? sold)
    {
        if (!refund.NamesTheSoldLines)
        {
            return (refund, null);
        }

        var lines = new List<SaleLine>();
        for (var i = 0; i < refund.Lines.Count; i++)
        {
            var line = refund.Lines[i];
            if (SoldLine(line, sold) is { } soldLine)
            {
                if (line.WorthItsSoldLine && line.Quantity > soldLine.Quantity)
                {
                    return (refund, new AdapterProblem($"refund.lines[{i}].quantity",
                        $"Refund {refund.RefundId} returns {line.Quantity} of line \"{line.SourceId}\", which sold {soldLine.Quantity}: state the line's amount, or the quantity returned."));
                }

                var currency = refund.Currency is { Length: > 0 } stated ? stated : sold!.Currency;
                var onIt = OnTheSoldLine(line, soldLine);
                lines.Add(line.WorthItsSoldLine ? ItsShare(onIt, soldLine, sold!, currency, withTax: !refund.TaxStated) : onIt);
            }
            else if (line.WorthItsSoldLine && sold is null)
            {
                return (refund, new AdapterProblem($"refund.lines[{i}].amount",
                    $"Refund {refund.RefundId} leaves line \"{line.SourceId}\"'s amount to its sale, but the sale's lines are not at hand: state the amount returned."));
            }
            else if (line.SourceId is { } unknown && (sold is not null || line.ItemKey is null))
            {
                // Named by the sender's path: only an in-house app's refund names the sold lines by id.
                return (refund, new AdapterProblem($"refund.lines[{i}].lineId", sold is null
                    ? $"Refund {refund.RefundId} returns line \"{unknown}\" of its sale, but the sale's lines are not at hand: name the item returned by its sku or description."
                    : $"Refund {refund.RefundId} returns line \"{unknown}\", but its sale has no line of that id."));
            }
            else
            {
                lines.Add(line);
            }
        }

        // The tax of lines worth their share of the sold ones is what the refund gives back, when it states none itself.
        var sharedTax = lines.Sum(line => line.Tax);
        return (refund.TaxStated || sharedTax == 0m
            ? refund with { Lines = lines }
            : refund with { Lines = lines, Tax = sharedTax + refund.ShippingTax, TaxStated = true }, null);
    }

    /// <summary>The line of <paramref name="sold"/> that <paramref name="line"/> names by its id, if any.</summary>
    public static SaleLine? SoldLine(SaleLine line, Sale? sold) =>
        line.SourceId is { } id ? sold?.Lines.FirstOrDefault(l => l.SourceId == id) : null;

    /// <summary>
    /// A returned line that states no amount, worth its share of what was charged for its sold line (the line's amount less
    /// its own discount and its part of the order's discount, in the sale's price basis) for the quantity returned; and,
    /// <paramref name="withTax"/> (the refund states no tax), its share of the tax charged on it. The refund's money still
    /// decides what went back: what it differs from the lines by is a line of its own.
    /// </summary>
    private static SaleLine ItsShare(SaleLine line, SaleLine soldLine, Sale sold, string currency, bool withTax)
    {
        // The returned quantity is above zero and at most the sold one (checked above), so the sold one is above zero too.
        var share = line.Quantity / soldLine.Quantity;
        var amount = Money.Round((soldLine.Amount - soldLine.Discount - OrderDiscountOn(soldLine, sold)) * share, currency);
        return line with
        {
            Amount = amount,
            UnitPrice = Money.UnitPrice(amount, line.Quantity),
            Tax = withTax ? TaxOn(soldLine, sold, amount, share, currency) : line.Tax,
            WorthItsSoldLine = false,
        };
    }

    /// <summary>
    /// The part of the order's discount the sold line took: the discount split over the goods by what was charged for each, as
    /// the sale's document splits it; none when the goods come to less than the discount.
    /// </summary>
    private static decimal OrderDiscountOn(SaleLine soldLine, Sale sold)
    {
        var goods = sold.Lines.Select(l => l.IsGiftCard || l.IsCustomerBalance || l.IsMerchantOfRecordTax ? 0m : l.Amount - l.Discount).ToList();
        var index = sold.Lines.ToList().IndexOf(soldLine);
        return sold.OrderDiscount > 0m && goods.Sum() >= sold.OrderDiscount && index >= 0
            ? Allocation.Split(sold.OrderDiscount, goods, sold.Currency)[index]
            : 0m;
    }

    /// <summary>
    /// The tax on a returned share: that share of the tax the sold line states; a line that states none, its tax stated only
    /// for the whole order (US taxes per jurisdiction), taxed at its own rate, else the order's, as the sale's lines were.
    /// </summary>
    private static decimal TaxOn(SaleLine soldLine, Sale sold, decimal amount, decimal share, string currency)
    {
        if (soldLine.Tax != 0m)
        {
            return Money.Round(soldLine.Tax * share, currency);
        }

        if (!soldLine.Taxable || soldLine.IsGiftCard || (soldLine.TaxRate ?? SaleLines.OrderRatePercent(sold) / 100m) is not { } rate)
        {
            return 0m;
        }

        return Money.Round(sold.PricesIncludeTax ? amount * rate / (1m + rate) : amount * rate, currency);
    }

    /// <summary>
    /// The returned line, on the sold line's item unless it names its own; at its rate unless it states one; taxed as the sold
    /// line was unless it states tax of its own. A gift card returned is money held for the buyer again, outside the tax.
    /// </summary>
    private static SaleLine OnTheSoldLine(SaleLine line, SaleLine soldLine)
    {
        var statesItsTax = line.TaxRate is not null || line.Tax != 0m;
        return line with
        {
            Description = line.ItemKey is null ? soldLine.Description : line.Description,
            ItemKey = line.ItemKey ?? soldLine.ItemKey,
            TaxRate = line.TaxRate ?? soldLine.TaxRate,
            Taxable = !soldLine.IsGiftCard && (statesItsTax ? line.Taxable : soldLine.Taxable),
            IsGiftCard = soldLine.IsGiftCard,
            OutOfScope = soldLine.OutOfScope,
            PartOfItsSoldLine = line.Quantity < soldLine.Quantity,
        };
    }
}
