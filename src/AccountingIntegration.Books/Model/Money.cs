using System.Globalization;

namespace AccountingIntegration.Books;

/// <summary>
/// Amounts as vendors send them: integer minor units (Stripe, Paddle, Square) or decimal text (Shopify,
/// WooCommerce, PayPal). Minor units follow ISO 4217's exponent: JPY and KRW have none, BHD and KWD three.
/// </summary>
public static class Money
{
    // ISO 4217 currencies whose minor unit is not 1/100. Stripe departs from it for ISK and MGA (Vendors/Stripe/StripeMoney).
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
    };

    public static int Exponent(string currency) => Exponents.GetValueOrDefault(currency, 2);

    /// <summary>1999 USD → 19.99; 1999 JPY → 1999.</summary>
    public static decimal FromMinorUnits(long amount, string currency) => FromMinorUnits(amount, Exponent(currency));

    /// <summary>Minor units of a vendor that counts a currency's decimals its own way.</summary>
    public static decimal FromMinorUnits(long amount, int exponent) => amount / Pow10(exponent);

    /// <summary>Minor units sent as text ("65215"), as Paddle does.</summary>
    public static decimal FromMinorUnits(string amount, string currency) =>
        FromMinorUnits(long.Parse(amount, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), currency);

    /// <summary>Decimal text ("199.00", "-10.00"), read exactly.</summary>
    public static decimal Parse(string amount) => decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>An amount as notes and refusals write it: "19.99", whatever the culture.</summary>
    public static string Show(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A line's unit price derived from its amount: quantity × unit price = amount, so it keeps six decimals.</summary>
    public static decimal UnitPrice(decimal amount, decimal quantity) => quantity == 0m ? amount : Math.Round(amount / quantity, 6);

    /// <summary>To the cent (or the currency's minor unit), half away from zero as invoices round.</summary>
    public static decimal Round(decimal amount, string currency = "USD") => Math.Round(amount, Exponent(currency), MidpointRounding.AwayFromZero);

    private static decimal Pow10(int exponent) => exponent switch
    {
        0 => 1m,
        2 => 100m,
        3 => 1000m,
        _ => (decimal)Math.Pow(10, exponent),
    };
}
