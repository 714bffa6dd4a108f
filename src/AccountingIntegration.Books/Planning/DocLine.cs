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
}
