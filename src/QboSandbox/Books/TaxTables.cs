using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// The tax agencies, rates and codes a new company of each region starts with.
/// Rates: US "California" 8 % as in Intuit's sample company (Invoice reference sample: TaxPercent 8,
/// TxnTaxCodeRef 2); CA GST 5 %, HST ON 13 %, PST BC 7 %, QST 9.975 %, and the codes QBO sets up for the other
/// provinces, several sharing a combined rate (code names and descriptions as Intuit's "Common sales tax codes" lists
/// them, https://quickbooks.intuit.com/community/Sales-tax/Common-sales-tax-codes/td-p/261780, with Prince Edward
/// Island's named "HST" alone; rates as in force in 2026: HST 15 % in NB, NL and PE, 14 % in NS since April 2025, PST 7 %
/// in MB and 6 % in SK); UK VAT "20.0% S", "5.0% R", "0.0% Z", Exempt,
/// No VAT; AU GST 10 % (a real AU company's invoice: TaxPercent 10). A code without rates is out of
/// scope: valid on a line, never taxed.
/// </summary>
internal static class TaxTables
{
    public static RegionTaxes For(Region region) => region.Code switch
    {
        "CA" => Canada,
        "GB" => UnitedKingdom,
        "AU" => Australia,
        _ => UnitedStates,
    };

    private static readonly RegionTaxes UnitedStates = new(
        ["California Department of Tax and Fee Administration"],
        [new("California", 8m, 0)],
        [new("California", "California", ["California"])]);

    private static readonly RegionTaxes Canada = new(
        ["Canada Revenue Agency", "Revenu Québec", "Ministry of Finance (BC)", "Manitoba Finance", "Saskatchewan Ministry of Finance"],
        [
            new("GST", 5m, 0), new("HST ON", 13m, 0), new("PST BC", 7m, 2), new("QST", 9.975m, 1),
            new("Exempt", 0m, 0), new("Zero-rated", 0m, 0),
            new("HST NB", 15m, 0), new("HST NL", 15m, 0), new("HST NS", 14m, 0), new("HST PE", 15m, 0),
            new("PST MB", 7m, 3), new("PST SK", 6m, 4),
        ],
        [
            new("Exempt", "Exempt", ["Exempt"]),
            new("Zero-rated", "Zero-rated", ["Zero-rated"]),
            new("GST", "GST", ["GST"]),
            new("HST ON", "HST ON", ["HST ON"]),
            new("GST/PST BC", "GST/PST BC", ["GST", "PST BC"]),
            new("GST/QST QC - 9.975", "GST/QST QC - 9.975", ["GST", "QST"]),
            new("Out of Scope", "Out of Scope", []),
            new("HST NB", "Harmonized federal and New Brunswick provincial tax", ["HST NB"]),
            new("HST NL", "Harmonized federal and Newfoundland and Labrador provincial tax", ["HST NL"]),
            new("HST NS", "Harmonized federal and Nova Scotia provincial tax", ["HST NS"]),
            new("HST", "Harmonized federal and PEI provincial tax", ["HST PE"]),
            new("GST/PST MB", "Combined federal and Manitoba provincial tax", ["GST", "PST MB"]),
            new("GST/PST SK", "Combined federal and Saskatchewan provincial tax", ["GST", "PST SK"]),
        ]);

    private static readonly RegionTaxes UnitedKingdom = new(
        ["HMRC"],
        [new("20.0% S", 20m, 0), new("5.0% R", 5m, 0), new("0.0% Z", 0m, 0), new("Exempt", 0m, 0)],
        [
            new("20.0% S", "Standard 20%", ["20.0% S"]),
            new("5.0% R", "Reduced 5%", ["5.0% R"]),
            new("0.0% Z", "Zero-rated", ["0.0% Z"]),
            new("Exempt", "Exempt", ["Exempt"]),
            new("No VAT", "No VAT", []),
        ]);

    private static readonly RegionTaxes Australia = new(
        ["Australian Taxation Office"],
        [new("GST (sales)", 10m, 0), new("GST free (sales)", 0m, 0), new("Input taxed (sales)", 0m, 0)],
        [
            new("GST", "GST", ["GST (sales)"]),
            new("GST free", "GST free", ["GST free (sales)"]),
            new("Input taxed", "Input taxed", ["Input taxed (sales)"]),
            new("Out of scope", "Out of scope", []),
        ]);
}

internal sealed record RegionTaxes(string[] Agencies, TaxRateSpec[] Rates, TaxCodeSpec[] Codes);

/// <summary>A rate in percent, owned by the agency at <see cref="Agency"/> (index into RegionTaxes.Agencies).</summary>
internal sealed record TaxRateSpec(string Name, decimal Percent, int Agency);

internal sealed record TaxCodeSpec(string Name, string Description, string[] Rates);
