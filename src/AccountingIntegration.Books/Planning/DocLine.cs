namespace AccountingIntegration.Books;

/// <summary>
/// An item line as the planner composes it, before it is shaped for the company's tax regime. The amount is in
/// the sale's price basis (gross when prices include tax); the rate is what the vendor charged on the line, in
/// percent, null when untaxed.
/// </summary>
internal sealed record DocLine(string ItemKey, string Description, decimal? Quantity, decimal? UnitPrice, decimal Amount, decimal? RatePercent)
{
    public bool Taxable => RatePercent is > 0m;

    /// <summary>Taxed at a rate the vendor states as 0 %: a zero-rated supply, which a VAT or GST return reports.</summary>
    public bool IsZeroRated => RatePercent == 0m;

    /// <summary>No supply at all (a tip, a gift card sold): outside the tax, and off the return.</summary>
    public bool OutOfScope { get; init; }

    /// <summary>
    /// For a rate worked out from amounts stated to the cent (tax ÷ net), how far, in percentage points, the rate charged
    /// may be from it: a cent of tax on the net. Paddle's 9.99 refund at 20 % VAT states 8.32 + 1.67, which is 20.07 %.
    /// Zero for a rate the vendor states.
    /// </summary>
    public decimal RateTolerance { get; init; }
}
