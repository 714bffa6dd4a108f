namespace AccountingIntegration.Books;

/// <summary>
/// An organization's choices for its books (from its settings): which items carry shipping, fees, tips,
/// gift cards, rounding and, where the company does not track sales tax, tax; which tax code each rate
/// means; how large a rounding difference may be before a document is refused.
/// </summary>
public sealed record BookingSettings
{
    public string ShippingItem { get; init; } = "Shipping";

    public string FeesItem { get; init; } = "Fees";

    public string TipsItem { get; init; } = "Tips";

    public string GiftCardItem { get; init; } = "Gift cards";

    /// <summary>
    /// Carries the customer's credit balance with the vendor (Stripe's customer balance), put in by an overpayment or spent
    /// on an invoice; it posts to a liability account, as the balance is owed to the customer.
    /// </summary>
    public string CustomerBalanceItem { get; init; } = "Customer balance";

    public string RoundingItem { get; init; } = "Rounding";

    /// <summary>
    /// Carries the tax a merchant of record (Paddle) charged the buyer and remits itself: it posts to a clearing liability
    /// account that the payout's deposit empties, as the vendor keeps that tax from the payout.
    /// </summary>
    public string MerchantOfRecordTaxItem { get; init; } = "Tax collected by merchant of record";

    /// <summary>Carries the tax as a line where the company has sales tax off (its account should be the tax liability).</summary>
    public string SalesTaxItem { get; init; } = "Sales tax";

    /// <summary>A line for a sale line without an item key.</summary>
    public string DefaultItem { get; init; } = "Sales";

    /// <summary>
    /// The largest difference, per document, that a rounding line may absorb (a few cents), stated as for a currency of two
    /// decimals; <see cref="RoundingToleranceIn"/> gives it in a document's currency.
    /// </summary>
    public decimal RoundingTolerance { get; init; } = 0.05m;

    /// <summary>
    /// <see cref="RoundingTolerance"/> in <paramref name="currency"/>: the same number of its minor units. In yen, which has
    /// none below the yen, 0.05 would let no rounding through at all (QBO's tax on a line is a whole yen off or exact), so it
    /// is ¥5; in Kuwaiti dinars, of three decimals, 0.005 (five fils). Both are near five US cents, as the default means.
    /// </summary>
    public decimal RoundingToleranceIn(string currency) => RoundingTolerance * 100m * Money.FromMinorUnits(1, currency);

    /// <summary>
    /// Tax rate (as text, 0.13 or 13 %) → QBO tax code id or name. Without a mapping a rate takes the one
    /// company code with that rate; an ambiguous or missing one refuses the document with the rate named.
    /// </summary>
    public IReadOnlyDictionary<string, string> TaxCodesByRate { get; init; } = new Dictionary<string, string>();

    /// <summary>The tax code for lines that carry no tax outside the US (a rounding line, an untaxed fee).</summary>
    public string? ExemptTaxCode { get; init; }

    /// <summary>The customer for sales without any buyer identity.</summary>
    public string? FallbackCustomer { get; init; }
}
