namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// Stripe's amounts, in its minor units. They follow ISO 4217's exponents (<see cref="Money"/>) but for two currencies
/// (docs.stripe.com/currencies, "Zero-decimal currencies" and "Special cases"): ISK, none in ISO, stays a two-decimal
/// currency in Stripe's API, an amount of 100 being 1 króna, though fractions may no longer be charged
/// (support.stripe.com/questions/deprecation-of-fractional-isk-charges-and-refunds); MGA, two in ISO, is zero-decimal.
/// Read by ISO alone, an ISK sale was booked a hundred times too large and an MGA sale a hundred times too small.
/// </summary>
internal static class StripeMoney
{
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.OrdinalIgnoreCase) { ["ISK"] = 2, ["MGA"] = 0 };

    /// <summary>1999 USD → 19.99; 1999 JPY → 1999; 500000 ISK → 5000.</summary>
    public static decimal FromMinorUnits(long amount, string currency) =>
        Exponents.TryGetValue(currency, out var exponent) ? Money.FromMinorUnits(amount, exponent) : Money.FromMinorUnits(amount, currency);
}
