namespace QboSandbox.State;

/// <summary>
/// The QBO regions the sandbox models. <see cref="Code"/> is CompanyInfo.Country; addresses carry
/// ISO alpha-3 countries since Aug 2025 (REFERENCE §2.3).
/// </summary>
internal sealed record Region(string Code, string Alpha3, string Currency, string CurrencyName, string TaxLabel)
{
    public static readonly Region Us = new("US", "USA", "USD", "United States Dollar", "sales tax");
    public static readonly Region Ca = new("CA", "CAN", "CAD", "Canadian Dollar", "GST/HST");
    public static readonly Region Gb = new("GB", "GBR", "GBP", "British Pound Sterling", "VAT");
    public static readonly Region Au = new("AU", "AUS", "AUD", "Australian Dollar", "GST");

    public static readonly Region[] All = [Us, Ca, Gb, Au];

    public bool IsUs => Code == Us.Code;

    /// <summary>US when null; "UK" is read as GB. Unknown codes are refused.</summary>
    public static Region Of(string? country)
    {
        if (string.IsNullOrWhiteSpace(country))
        {
            return Us;
        }

        var code = country.Trim().ToUpperInvariant() switch
        {
            "UK" or "GBR" => "GB",
            "USA" => "US",
            "CAN" => "CA",
            "AUS" => "AU",
            var other => other,
        };
        return Array.Find(All, r => r.Code == code)
            ?? throw new ArgumentException($"Unknown country {country}: use US, CA, GB (UK) or AU.", nameof(country));
    }
}
