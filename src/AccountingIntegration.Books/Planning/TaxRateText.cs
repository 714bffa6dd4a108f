using System.Globalization;

namespace AccountingIntegration.Books;

/// <summary>How the organization writes a tax rate in its settings: "0.13", "13" and "13%" all mean 13 %.</summary>
public static class TaxRateText
{
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
