using System.Globalization;

namespace AccountingIntegration.Books;

/// <summary>
/// Which QBO tax code a vendor's rate means: the organization's mapping first (rate → code id or name), else
/// the one company code with that combined rate. Ambiguous or unknown rates are refused, naming the rate.
/// </summary>
internal sealed class TaxCodeChooser(CompanyRegime regime, BookingSettings settings)
{
    /// <summary>Rates closer than this (percentage points) are the same rate (4.998 % read from cents is 5 %).</summary>
    private const decimal Tolerance = 0.05m;

    public TaxCodeInfo? Choose(decimal ratePercent, out string? problem)
    {
        problem = null;
        foreach (var (key, code) in settings.TaxCodesByRate)
        {
            if (TaxRateText.Parse(key) is { } mapped && Math.Abs(mapped - ratePercent) <= Tolerance)
            {
                var found = regime.TaxCodes.FirstOrDefault(c => c.Id == code || c.Name.Equals(code, StringComparison.OrdinalIgnoreCase));
                if (found is null)
                {
                    problem = $"The organization maps the rate {Show(ratePercent)} to tax code '{code}', which the company does not have.";
                }

                return found;
            }
        }

        var candidates = regime.TaxCodes.Where(c => Math.Abs(c.RatePercent - ratePercent) <= Tolerance).ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        problem = candidates.Count == 0
            ? $"No tax code of the company has the rate {Show(ratePercent)}; map it in the organization's settings (taxCodes: {{\"{Show(ratePercent)}\": \"<code>\"}})."
            : $"Several tax codes of the company have the rate {Show(ratePercent)} ({string.Join(", ", candidates.Select(c => c.Name))}); choose one in the organization's settings (taxCodes).";
        return null;
    }

    private static string Show(decimal ratePercent) => ratePercent.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>A code named by the organization, by id or name.</summary>
    public TaxCodeInfo? ByIdOrName(string code, out string? problem)
    {
        var found = regime.TaxCodes.FirstOrDefault(c => c.Id == code || c.Name.Equals(code, StringComparison.OrdinalIgnoreCase));
        problem = found is null ? $"The organization's exempt tax code '{code}' is not a tax code of the company." : null;
        return found;
    }

    /// <summary>For untaxed lines: the company's zero-rate code that says so (out of scope, no VAT, exempt), in that order.</summary>
    public TaxCodeInfo? Exempt(out string? problem)
    {
        string[] preferred = ["out of scope", "no vat", "exempt", "gst free", "zero"];
        var zero = regime.TaxCodes.Where(c => c.RatePercent == 0).ToList();
        var found = preferred.Select(word => zero.FirstOrDefault(c => c.Name.Contains(word, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(c => c is not null);
        problem = found is null ? "The company has no zero-rate tax code for untaxed lines; name one in the organization's settings (exemptTaxCode)." : null;
        return found;
    }
}
