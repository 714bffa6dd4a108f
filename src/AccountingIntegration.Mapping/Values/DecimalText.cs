using System.Globalization;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Reads decimals from text the same way everywhere: invariant culture, optional sign, decimal point and
/// exponent, surrounding spaces allowed, no thousands separators (a "1,000" would be ambiguous across locales).
/// </summary>
internal static class DecimalText
{
    private const NumberStyles Styles = NumberStyles.Float;

    public static bool TryParse(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out value);

    /// <summary>Number or numeric string → decimal; anything else fails.</summary>
    public static bool TryGetNumber(in MappingValue value, out decimal number)
    {
        switch (value.Kind)
        {
            case ValueKind.Number:
                number = value.Number;
                return true;
            case ValueKind.String:
                return TryParse(value.String, out number);
            default:
                number = 0m;
                return false;
        }
    }
}
