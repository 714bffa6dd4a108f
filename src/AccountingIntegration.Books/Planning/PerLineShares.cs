namespace AccountingIntegration.Books;

/// <summary>
/// A share of a sale (a refund of part of its money, a credit note's, the unpaid rest a cancellation credits, some of a
/// line's units returned) in a company where QBO computes the tax line by line at each line's code (CA, UK, AU). The share
/// states each line's part of the sale's tax (Shopify states a returned unit's as its share of the line's), but QBO takes
/// its own, the line's amount at its code's rates, rounded: of an order of 224.97 with 29.25 of HST, the deposit's 88.49 and
/// the rest's 136.48 take 11.50 and 17.74 in QBO, a cent less than the order's tax, which a rounding line would then move
/// into income. Each taxed line is moved instead by the few cents that make QBO's tax on it the line's share of the tax
/// (88.50 and 11.51), and the document's rounding line takes those cents back out of the same income; so shares of a sale
/// that add up to it give back its tax to the cent. A line no move within the rounding tolerance fits is left as it was, and
/// so is one whose move would take the document past what its rounding line may absorb, or its tax further from the share's
/// (the cent a line is short may be the cent its shipping is over); and so is a whole sold line
/// (<see cref="SaleLine.PartOfItsSoldLine"/>), which gives back the tax QBO took on it.
/// </summary>
internal static class PerLineShares
{
    public static Sale Of(Sale share, CompanyRegime regime, BookingSettings settings)
    {
        if (TaxModes.For(regime) != TaxMode.PerLine || share.PricesIncludeTax)
        {
            return share;
        }

        var chooser = new TaxCodeChooser(regime, settings, share.PlaceOfSupply);
        var tolerance = settings.RoundingToleranceIn(share.Currency);
        var step = Money.FromMinorUnits(1, share.Currency);
        // Each line's rate as the document will state it: the vendor's, or the one its tax implies (a Stripe line names its
        // tax rate by id alone), so the code chosen here is the code the document takes.
        var composed = SaleLines.Compose(share, settings);
        var lines = share.Lines.ToList();
        var (_, tax) = SaleDocument.PerLineTotals(share, regime, settings);
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, doc) = (lines[i], composed[i]);
            var move = line is { PartOfItsSoldLine: true, IsGiftCard: false, IsCustomerBalance: false, Tax: not 0m } && doc is { Taxable: true, OutOfScope: false }
                && chooser.Choose(doc.RatePercent!.Value, out _, doc.RateTolerance) is { } code
                    ? Move(line.Amount - line.Discount, line.Tax, amount => code.TaxOn(amount, share.Currency), step, tolerance)
                    : 0m;
            if (move == 0m)
            {
                continue;
            }

            // Kept only where the rounding line can still take the cents back, and QBO's tax on the whole document comes no
            // further from the share's: a line's tax set right can leave the document a cent over where another part (the
            // shipping, which is not moved) took a cent under, and at 12 % in two rates (BC) a cent of tax can take five of goods.
            var moved = lines.ToList();
            moved[i] = line with { Amount = line.Amount + move, UnitPrice = Money.UnitPrice(line.Amount + move, line.Quantity) };
            var (movedTotal, movedTax) = SaleDocument.PerLineTotals(share with { Lines = moved }, regime, settings);
            if (Math.Abs(share.Total - movedTotal) <= tolerance && Math.Abs(movedTax - share.TaxTotal) <= Math.Abs(tax - share.TaxTotal))
            {
                (lines, tax) = (moved, movedTax);
            }
        }

        return share with { Lines = lines };
    }

    /// <summary>
    /// The smallest move of <paramref name="net"/>, in steps of the currency's minor unit (a cent, a yen), that makes QBO's tax
    /// on it <paramref name="tax"/>; 0 when none fits <paramref name="budget"/>.
    /// </summary>
    private static decimal Move(decimal net, decimal tax, Func<decimal, decimal> taxOn, decimal step, decimal budget)
    {
        if (taxOn(net) == tax)
        {
            return 0m;
        }

        var direction = taxOn(net) < tax ? step : -step;
        for (var move = direction; Math.Abs(move) <= budget; move += direction)
        {
            if (taxOn(net + move) == tax)
            {
                return move;
            }
        }

        return 0m;
    }
}
