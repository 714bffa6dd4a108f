using AccountingIntegration.Features.Books;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// The "Sales tax" item posts to the company's own tax liability, found by its name. The clearing account the books create
/// for tax a merchant of record collects ("Tax Collected by Merchant of Record") says "tax" too: taken for the company's own,
/// the company's sales tax would go to the account the merchant of record's payout empties, and never be declared.
/// </summary>
public sealed class TaxLiabilityAccountTests
{
    [Theory]
    [InlineData("Sales Tax Payable", true)]
    [InlineData("GST/HST Payable", true)]
    [InlineData("VAT Control", true)]
    [InlineData("Board of Equalization Payable - Sales Tax", true)]
    [InlineData("Tax Collected by Merchant of Record", false)]
    [InlineData("Paddle tax (merchant of record)", false)]
    [InlineData("Payroll Tax Payable", false)]
    [InlineData("Gift Card Liability", false)]
    public void IsTaxLiability_TellsTheCompanysOwnSalesTaxApart(string name, bool expected) =>
        Assert.Equal(expected, BooksAccounts.IsTaxLiability(name));
}
