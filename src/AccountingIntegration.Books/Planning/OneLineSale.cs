namespace AccountingIntegration.Books;

/// <summary>
/// A sale of one untaxed line, for the documents that move credit rather than goods (gift cards redeemed or issued, credit
/// notes, the customer's balance), shaped by <see cref="SaleDocument"/> like any sale; its customer is the sale's, set by
/// the caller.
/// </summary>
internal static class OneLineSale
{
    /// <param name="line">The line, whose amount is the sale's total: <see cref="Line"/> with its item or kind.</param>
    /// <param name="currency">The sale's currency.</param>
    /// <param name="date">The document's date.</param>
    /// <param name="convertedAt">The vendor's conversion into the home currency, when it states one.</param>
    public static Sale Of(SaleLine line, string currency, DateOnly date, Conversion? convertedAt) => new()
    {
        Currency = currency,
        Date = date,
        Customer = new Party(),
        Lines = [line],
        Total = line.Amount,
        ConvertedAt = convertedAt,
    };

    /// <summary>One untaxed line of <paramref name="amount"/>, on no item until the caller says which.</summary>
    public static SaleLine Line(string description, decimal amount) =>
        new() { Description = description, Quantity = 1, UnitPrice = amount, Amount = amount, Taxable = false };
}
