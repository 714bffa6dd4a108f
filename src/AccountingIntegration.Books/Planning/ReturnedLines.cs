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
                lines.Add(OnTheSoldLine(line, soldLine));
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

        return (refund with { Lines = lines }, null);
    }

    /// <summary>The line of <paramref name="sold"/> that <paramref name="line"/> names by its id, if any.</summary>
    public static SaleLine? SoldLine(SaleLine line, Sale? sold) =>
        line.SourceId is { } id ? sold?.Lines.FirstOrDefault(l => l.SourceId == id) : null;

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
        };
    }
}
