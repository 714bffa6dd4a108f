using System.Text.RegularExpressions;

namespace AccountingIntegration.Books;

/// <summary>
/// Which of a company's tax codes of one rate is the code of a region (a sale's place of supply): the one whose name or
/// description names it, by its code as a word in capitals ("HST NB", "GST/PST MB", "HST NB 2016") or, for Canada's
/// provinces and territories, by name. QBO sets up such codes for a Canadian company, several sharing a rate, and names
/// Prince Edward Island's "HST" alone, with the province in its description ("Harmonized federal and PEI provincial tax"):
/// Intuit, "Common sales tax codes", https://quickbooks.intuit.com/community/Sales-tax/Common-sales-tax-codes/td-p/261780.
/// </summary>
internal static partial class RegionalTaxCodes
{
    /// <summary>Canada's provinces and territories by their postal code (Canada Post), with the names a code's description may use.</summary>
    private static readonly Dictionary<string, string[]> Canadian = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AB"] = ["Alberta"],
        ["BC"] = ["British Columbia"],
        ["MB"] = ["Manitoba"],
        ["NB"] = ["New Brunswick"],
        ["NL"] = ["Newfoundland and Labrador", "Newfoundland"],
        ["NS"] = ["Nova Scotia"],
        ["NT"] = ["Northwest Territories"],
        ["NU"] = ["Nunavut"],
        ["ON"] = ["Ontario"],
        ["PE"] = ["Prince Edward Island", "PEI"],
        ["QC"] = ["Quebec", "Québec"],
        ["SK"] = ["Saskatchewan"],
        ["YT"] = ["Yukon"],
    };

    /// <summary>Of <paramref name="codes"/>, those that name <paramref name="region"/> (a code such as NB, CA-NB, or a province's name).</summary>
    public static List<TaxCodeInfo> Of(IEnumerable<TaxCodeInfo> codes, string region)
    {
        var (code, names) = Named(region.Trim());
        return [.. codes.Where(c => Names(c.Name, code, names) || (c.Description is { } description && Names(description, code, names)))];
    }

    /// <summary>
    /// Whether <paramref name="code"/> is the code of one of <paramref name="country"/>'s regions whose tax codes share rates:
    /// Canada's provinces and territories (CA, NB).
    /// </summary>
    public static bool IsRegionOf(string country, string code) =>
        country.Equals("CA", StringComparison.OrdinalIgnoreCase) && Canadian.ContainsKey(code);

    /// <summary>Whether two ways of writing a region name the same one (NB, CA-NB, New Brunswick).</summary>
    public static bool Same(string one, string other) => Named(one.Trim()).Code == Named(other.Trim()).Code;

    private static (string Code, string[] Names) Named(string region)
    {
        // ISO 3166-2 subdivision codes (CA-NB) carry the country first.
        var bare = region.StartsWith("CA-", StringComparison.OrdinalIgnoreCase) ? region[3..] : region;
        if (Canadian.TryGetValue(bare, out var names))
        {
            return (bare.ToUpperInvariant(), names);
        }

        var byName = Canadian.FirstOrDefault(province => province.Value.Any(name => name.Equals(bare, StringComparison.OrdinalIgnoreCase)));
        return byName.Key is { } key ? (key, byName.Value) : (bare.ToUpperInvariant(), []);
    }

    /// <summary>
    /// Whether <paramref name="text"/> has the region's code as a word in capitals (so "Tax on sales" does not name Ontario)
    /// or one of its names as words, in any case.
    /// </summary>
    private static bool Names(string text, string code, string[] names) =>
        Words().Matches(text).Any(word => word.Value == code)
        || names.Any(name => Regex.IsMatch(text, $@"\b{Regex.Escape(name)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
