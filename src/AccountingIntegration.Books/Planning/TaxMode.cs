namespace AccountingIntegration.Books;

/// <summary>How a company takes tax on a sales document (Intuit, "Manage sales tax for US locales" and "for non-US locales").</summary>
internal enum TaxMode
{
    /// <summary>Sales tax off: the vendor's tax is carried by a "Sales tax" line posting to the tax liability.</summary>
    AsLine,

    /// <summary>US with automated sales tax: lines TAX/NON, and the vendor's total sent as TxnTaxDetail.TotalTax, which AST honours.</summary>
    UsOverride,

    /// <summary>US manual sales tax: lines TAX/NON and one transaction code; QBO computes the tax once per rate.</summary>
    UsCode,

    /// <summary>CA, UK, AU: a tax code on every line; QBO computes and rounds the tax line by line.</summary>
    PerLine,
}

internal static class TaxModes
{
    public static TaxMode For(CompanyRegime regime) => (regime.IsUnitedStates, regime.SalesTax, regime.AutomatedSalesTax) switch
    {
        (_, false, _) => TaxMode.AsLine,
        (true, true, true) => TaxMode.UsOverride,
        (true, true, false) => TaxMode.UsCode,
        (false, true, _) => TaxMode.PerLine,
    };
}
