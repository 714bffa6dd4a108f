namespace QboSandbox.Books;

/// <summary>Cents, rounded half away from zero (1861.075 → 1861.08, REFERENCE §3.5).</summary>
internal static class Money
{
    // ISO 4217 currencies whose minor unit is not the cent: QBO keeps their amounts to that unit (whole yen).
    private static readonly Dictionary<string, int> Decimals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
    };

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>To the currency's minor unit: 20 % VAT on ¥3,333 is ¥667, not ¥666.60.</summary>
    public static decimal Round(decimal value, string currency) =>
        Math.Round(value, Decimals.GetValueOrDefault(currency, 2), MidpointRounding.AwayFromZero);
}
