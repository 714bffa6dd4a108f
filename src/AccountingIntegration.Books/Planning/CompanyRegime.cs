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

    /// <summary>The company's sales tax codes with their combined rate (percent: 13 for HST ON).</summary>
    public IReadOnlyList<TaxCodeInfo> TaxCodes { get; init; } = [];

    /// <summary>US: the code a transaction uses when none is sent (Preferences' TaxGroupCodeRef).</summary>
    public string? DefaultTaxCodeId { get; init; }

    public bool IsUnitedStates => Country.Equals("US", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A QBO tax code and the sum of its sales rates, in percent; its description says more than a UK code's name ("0.0% Z": "Zero-rated").</summary>
public sealed record TaxCodeInfo(string Id, string Name, decimal RatePercent, string? Description = null);
