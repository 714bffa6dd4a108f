namespace QboSandbox.State;

/// <summary>
/// How a sandbox company is set up, as QBO's Preferences describe it (TaxPrefs, CurrencyPrefs,
/// AccountingInfoPrefs, SalesFormsPrefs). Null members take the region's defaults: see
/// <see cref="WithDefaults"/>.
/// </summary>
public sealed class CompanySettings
{
    /// <summary>US, CA, GB (UK is accepted) or AU.</summary>
    public string? Country { get; set; }

    /// <summary>
    /// The province or state of the company's address (CompanyInfo's CompanyAddr, LegalAddr and CustomerCommunicationAddr
    /// CountrySubDivisionCode); defaults to the region's (CA for the US, ON, NSW; none in the UK).
    /// </summary>
    public string? Subdivision { get; set; }

    /// <summary>ISO 4217; defaults to the region's currency (USD, CAD, GBP, AUD).</summary>
    public string? HomeCurrency { get; set; }

    public bool? MultiCurrencyEnabled { get; set; }

    /// <summary>Preferences.TaxPrefs.UsingSalesTax. Default: off for US, on for CA, GB and AU.</summary>
    public bool? SalesTaxEnabled { get; set; }

    /// <summary>Preferences.TaxPrefs.PartnerTaxEnabled (automated sales tax); US only, default off.</summary>
    public bool? AutomatedSalesTax { get; set; }

    /// <summary>AccountingInfoPrefs.ClassTrackingPerTxnLine.</summary>
    public bool? ClassTracking { get; set; }

    /// <summary>AccountingInfoPrefs.TrackDepartments (locations).</summary>
    public bool? LocationTracking { get; set; }

    /// <summary>SalesFormsPrefs.CustomTxnNumbers: when on, a sales form without DocNumber keeps none.</summary>
    public bool? CustomTxnNumbers { get; set; }

    /// <summary>A copy with every null member replaced by its default for the region.</summary>
    public CompanySettings WithDefaults()
    {
        var region = Region.Of(Country);
        return new CompanySettings
        {
            Country = region.Code,
            Subdivision = (Subdivision ?? CompanyInfoRow.DefaultSubdivision(region)).Trim().ToUpperInvariant(),
            HomeCurrency = (HomeCurrency ?? region.Currency).ToUpperInvariant(),
            MultiCurrencyEnabled = MultiCurrencyEnabled ?? false,
            SalesTaxEnabled = SalesTaxEnabled ?? region.Code != Region.Us.Code,
            AutomatedSalesTax = region.Code == Region.Us.Code && (AutomatedSalesTax ?? false),
            ClassTracking = ClassTracking ?? false,
            LocationTracking = LocationTracking ?? false,
            CustomTxnNumbers = CustomTxnNumbers ?? false,
        };
    }

    /// <summary>This, with the non-null members of <paramref name="patch"/> applied, then defaulted.</summary>
    public CompanySettings Merge(CompanySettings patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return new CompanySettings
        {
            Country = patch.Country ?? Country,
            // The same country sent again keeps the company where it is; another country's default comes with it.
            Subdivision = patch.Subdivision ?? (patch.Country is null || Region.Of(patch.Country).Code == Region.Of(Country).Code ? Subdivision : null),
            HomeCurrency = patch.HomeCurrency ?? (patch.Country is null ? HomeCurrency : null),
            MultiCurrencyEnabled = patch.MultiCurrencyEnabled ?? MultiCurrencyEnabled,
            SalesTaxEnabled = patch.SalesTaxEnabled ?? SalesTaxEnabled,
            AutomatedSalesTax = patch.AutomatedSalesTax ?? AutomatedSalesTax,
            ClassTracking = patch.ClassTracking ?? ClassTracking,
            LocationTracking = patch.LocationTracking ?? LocationTracking,
            CustomTxnNumbers = patch.CustomTxnNumbers ?? CustomTxnNumbers,
        }.WithDefaults();
    }
}
