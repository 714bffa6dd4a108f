namespace AccountingIntegration.Books;

/// <summary>
/// How a QBO company keeps its books, read from its Preferences, CompanyInfo and tax codes: documents
/// are shaped for it (US tax codes or an automated-tax override, a tax code on every line elsewhere,
/// foreign currency only when it takes it).
/// </summary>
public sealed record CompanyRegime
{
    /// <summary>ISO alpha-2: US, CA, GB, AU…</summary>
    public required string Country { get; init; }

    public required string HomeCurrency { get; init; }

    public bool MultiCurrency { get; init; }

    public bool SalesTax { get; init; }

    /// <summary>US automated sales tax: QBO picks the rate and honours a sent total.</summary>
    public bool AutomatedSalesTax { get; init; }

    /// <summary>
    /// The province or state of the company's own address (CompanyInfo.CompanyAddr.CountrySubDivisionCode): where a sale
    /// that names no region of its own is taken to be supplied (a shop's counter sale; a vendor that taxed by its own
    /// location), so that it still chooses among codes of one rate.
    /// </summary>
    public string? HomeRegion { get; init; }

    /// <summary>The company's sales tax codes with their sales rates (percent: 13 for HST ON; 5 and 7 for GST/PST BC).</summary>
    public IReadOnlyList<TaxCodeInfo> TaxCodes { get; init; } = [];

    /// <summary>US: the code a transaction uses when none is sent (Preferences' TaxGroupCodeRef).</summary>
    public string? DefaultTaxCodeId { get; init; }

    public bool IsUnitedStates => Country.Equals("US", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether taxable codes of the company share a combined rate (a Canadian company's HST NB, HST NL and PEI's HST at
    /// 15 %), so that a sale's place of supply chooses among them (<see cref="Sale.PlaceOfSupply"/>).
    /// </summary>
    public bool ChoosesCodesByRegion => TaxCodes.Where(code => code.RatePercent > 0m).GroupBy(code => code.RatePercent).Any(rate => rate.Count() > 1);
}

/// <summary>
/// A QBO tax code and each of its sales rates, in percent (GST/PST BC: 5 and 7); its description says more than a UK
/// code's name ("0.0% Z": "Zero-rated").
/// </summary>
public sealed record TaxCodeInfo(string Id, string Name, IReadOnlyList<decimal> Rates, string? Description = null)
{
    /// <summary>The combined rate, which a vendor's rate is matched against (12 for GST/PST BC).</summary>
    public decimal RatePercent => Rates.Sum();

    /// <summary>
    /// The tax QBO charges on <paramref name="amount"/> under this code: rate by rate, each rounded to the currency's minor
    /// unit, then added. 10.05 at GST/PST BC is 0.50 + 0.70 = 1.20, where 12 % of it would round to 1.21.
    /// </summary>
    public decimal TaxOn(decimal amount, string currency) => Rates.Sum(rate => Money.Round(amount * rate / 100m, currency));
}
