namespace AccountingIntegration.Books;

/// <summary>
/// Credit given on an earlier sale onto the customer's credit balance with the vendor, rather than as money back (the part
/// of a Stripe post-payment credit note credited to the customer's balance): owed to the customer until a later sale
/// spends it, and taken back out of the sale's income and tax.
/// </summary>
public sealed record BalanceCredit
{
    /// <summary>The vendor's id of the credit (a Stripe credit note's <c>cn_…</c>); it is booked once per id.</summary>
    public required string CreditId { get; init; }

    /// <summary>What went onto the customer's balance, tax included.</summary>
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217, upper case.</summary>
    public required string Currency { get; init; }

    public required DateOnly Date { get; init; }

    /// <summary>The vendor's number of the credit, for the documents' notes.</summary>
    public string? Number { get; init; }

    /// <summary>
    /// The whole credit note (its lines, discounts and tax) as a sale of its own, whose total may be more than
    /// <see cref="Amount"/> (part of it refunded, or credited outside the vendor); null when it lists no lines.
    /// </summary>
    public Sale? Credited { get; init; }

    /// <summary>What of the credit note is not booked here, and why, for the sync log.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
