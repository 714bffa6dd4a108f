using System.Globalization;

namespace AccountingIntegration.Books;

/// <summary>
/// Which QBO tax code a vendor's rate means: the organization's mapping first (rate → code id or name), else
/// the one company code with that combined rate; of several, the one of the sale's place of supply (<see cref="Sale.PlaceOfSupply"/>:
/// HST NB for a sale shipped to New Brunswick, where HST NL and PEI's HST share its 15 %). A sale that names no region is
/// taken to be supplied where the company is (<see cref="CompanyRegime.HomeRegion"/>), and <see cref="AssumedRegion"/> says
/// so. Ambiguous or unknown rates are refused, naming the rate.
/// </summary>
internal sealed class TaxCodeChooser(CompanyRegime regime, BookingSettings settings, string? placeOfSupply)
{
    /// <summary>
    /// The company's own region, once a rate was told apart by it because the sale names none (a counter sale without an
    /// address, taxed where the shop is); null otherwise.
    /// </summary>
    public string? AssumedRegion { get; private set; }

    /// <summary>Rates closer than this (percentage points) are the same rate (4.998 % read from cents is 5 %).</summary>
    private const decimal Tolerance = 0.05m;

    /// <summary>
    /// The code of <paramref name="ratePercent"/>. A rate worked out from amounts stated to the cent may be off by
    /// <paramref name="tolerance"/> points (<see cref="DocLine.RateTolerance"/>): the nearest rate within it is meant.
    /// </summary>
    public TaxCodeInfo? Choose(decimal ratePercent, out string? problem, decimal tolerance = 0m)
    {
        var within = Math.Max(Tolerance, tolerance);
        if (IsMapped(ratePercent, within, out var mapped, out problem))
        {
            return mapped;
        }

        var candidates = Nearest(regime.TaxCodes.Where(c => Math.Abs(c.RatePercent - ratePercent) <= within), c => c.RatePercent, ratePercent);
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var regional = candidates.Count > 1 && placeOfSupply is { Length: > 0 } region ? RegionalTaxCodes.Of(candidates, region) : [];
        if (regional.Count == 1)
        {
            return regional[0];
        }

        var home = candidates.Count > 1 && placeOfSupply is not { Length: > 0 } && regime.HomeRegion is { Length: > 0 } own ? RegionalTaxCodes.Of(candidates, own) : [];
        if (home.Count == 1)
        {
            AssumedRegion = regime.HomeRegion;
            return home[0];
        }

        problem = candidates.Count == 0
            ? $"No tax code of the company has the rate {Show(ratePercent)}; map it in the organization's settings (taxCodes: {{\"{Show(ratePercent)}\": \"<code>\"}})."
            : Ambiguous(ratePercent, candidates, regional.Count);
        return null;
    }

    /// <summary>Why no one of several <paramref name="candidates"/> of the rate is the sale's, of which <paramref name="regional"/> name its region.</summary>
    private string Ambiguous(decimal ratePercent, List<TaxCodeInfo> candidates, int regional)
    {
        var why = placeOfSupply is not { Length: > 0 }
            ? "the sale states no region (its buyer's ship-to or bill-to province) to choose by"
                + (regime.HomeRegion is { Length: > 0 } own ? $", and none of them is of the company's own region '{own}'" : "")
            : $"{(regional == 0 ? "none" : "more than one")} of them names the sale's region '{placeOfSupply}'";
        return $"Several tax codes of the company have the rate {Show(ratePercent)} ({string.Join(", ", candidates.Select(c => c.Name))}) and {why}; "
            + $"choose one in the organization's settings (taxCodes: {{\"{Show(ratePercent)} NB\": \"<code>\"}} for a province, or one for the rate).";
    }

    /// <summary>
    /// For a line the vendor taxed at a stated 0 %: the organization's code for the rate 0, else the company's zero-rated
    /// code (UK "0.0% Z", CA "Zero-rated", AU "GST free"), which the VAT or GST return counts as a sale where an
    /// out-of-scope code ("No VAT") leaves it off. Null without a problem when the company has none: the line is then untaxed.
    /// </summary>
    public TaxCodeInfo? ZeroRated(out string? problem)
    {
        if (IsMapped(0m, Tolerance, out var mapped, out problem))
        {
            return mapped;
        }

        return FirstNamed(["zero", "gst free"]);
    }

    /// <summary>
    /// Whether the organization maps the rate to a code (for the sale's place of supply, "15% NB", before any region);
    /// <paramref name="code"/> is null, with the problem, when the company lacks it.
    /// </summary>
    private bool IsMapped(decimal ratePercent, decimal within, out TaxCodeInfo? code, out string? problem)
    {
        (code, problem) = (null, null);
        var mappings = settings.TaxCodesByRate
            .Select(mapping => (Key: TaxRateText.ParseKey(mapping.Key), Name: mapping.Value))
            .Where(mapping => mapping.Key.Rate is { } rate && Math.Abs(rate - ratePercent) <= within)
            .ToList();
        var forThePlace = mappings.Where(mapping => mapping.Key.Region is { } region && placeOfSupply is { } place && RegionalTaxCodes.Same(region, place)).ToList();
        var chosen = forThePlace.Count > 0 ? forThePlace : mappings.Where(mapping => mapping.Key.Region is null).ToList();
        if (Nearest(chosen, mapping => mapping.Key.Rate!.Value, ratePercent).FirstOrDefault() is not { Name: { } name })
        {
            return false;
        }

        code = regime.TaxCodes.FirstOrDefault(c => c.Id == name || c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        problem = code is null ? $"The organization maps the rate {Show(ratePercent)} to tax code '{name}', which the company does not have." : null;
        return true;
    }

    /// <summary>Of <paramref name="candidates"/>, those whose rate is nearest <paramref name="ratePercent"/> (several when they share it).</summary>
    private static List<T> Nearest<T>(IEnumerable<T> candidates, Func<T, decimal> rateOf, decimal ratePercent) =>
        candidates.GroupBy(candidate => Math.Abs(rateOf(candidate) - ratePercent)).OrderBy(group => group.Key).FirstOrDefault()?.ToList() ?? [];

    private static string Show(decimal ratePercent) => ratePercent.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>A code named by the organization, by id or name.</summary>
    public TaxCodeInfo? ByIdOrName(string code, out string? problem)
    {
        var found = regime.TaxCodes.FirstOrDefault(c => c.Id == code || c.Name.Equals(code, StringComparison.OrdinalIgnoreCase));
        problem = found is null ? $"The organization's exempt tax code '{code}' is not a tax code of the company." : null;
        return found;
    }

    /// <summary>
    /// For goods, shipping or fees the vendor did not tax: a supply all the same (food, books, exports, a tax-exempt buyer),
    /// which the VAT or GST return counts: the company's zero-rated, GST-free or exempt code, and out of scope only when it
    /// has none of those (UK "No VAT" leaves a sale off box 6; AU "Out of scope" off G1).
    /// </summary>
    public TaxCodeInfo? Untaxed(out string? problem) => Found(FirstNamed(["zero", "gst free", "exempt", "out of scope", "no vat"]), out problem);

    /// <summary>For what is no supply (a tip, a gift card sold, a rounding line): the company's out-of-scope code, else its nearest.</summary>
    public TaxCodeInfo? OutOfScope(out string? problem) => Found(FirstNamed(["out of scope", "no vat", "exempt", "gst free", "zero"]), out problem);

    private static TaxCodeInfo? Found(TaxCodeInfo? code, out string? problem)
    {
        problem = code is null ? "The company has no zero-rate tax code for untaxed lines; name one in the organization's settings (exemptTaxCode)." : null;
        return code;
    }

    /// <summary>The first of the company's 0 % codes whose name or description has one of <paramref name="words"/>, in their order.</summary>
    private TaxCodeInfo? FirstNamed(string[] words)
    {
        var zero = regime.TaxCodes.Where(c => c.RatePercent == 0).ToList();
        return words
            .Select(word => zero.FirstOrDefault(c => c.Name.Contains(word, StringComparison.OrdinalIgnoreCase)
                || c.Description?.Contains(word, StringComparison.OrdinalIgnoreCase) == true))
            .FirstOrDefault(c => c is not null);
    }
}
