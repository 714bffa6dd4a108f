using System.Globalization;

namespace AccountingIntegration.Books;

/// <summary>
/// How the organization writes a tax rate in its settings: "0.13", "13" and "13%" all mean 13 %; a <c>taxCodes</c> key may
/// name a region after the rate ("15% NB"), for the sales supplied there (<see cref="Sale.PlaceOfSupply"/>).
/// </summary>
public static class TaxRateText
{
    /// <summary>A <c>taxCodes</c> key: its rate in percent (null when it is none) and the region it is for, if it names one.</summary>
    public static (decimal? Rate, string? Region) ParseKey(string text)
    {
        var parts = text.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[1].All(c => char.IsLetter(c) || c is '-' or ' ')
            ? (Parse(parts[0]), parts[1])
            : (Parse(text), null);
    }

    /// <summary>The rate in percent, or null when the text is not a rate between 0 and 100 %.</summary>
    public static decimal? Parse(string text)
    {
        var trimmed = text.Trim().TrimEnd('%').Trim();
        if (!decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return null;
        }

        var percent = value < 1m && !text.Contains('%', StringComparison.Ordinal) ? value * 100m : value;
        return percent <= 100m ? percent : null;
    }
}
