namespace AccountingIntegration.Books.Tests;

/// <summary>Which of several codes of one rate names a sale's province, as QBO names a Canadian company's codes.</summary>
public sealed class RegionalTaxCodesTests
{
    private static readonly TaxCodeInfo[] AtFifteen =
    [
        new("10", "HST NB", [15m], "Harmonized federal and New Brunswick provincial tax"),
        new("11", "HST NL", [15m], "Harmonized federal and Newfoundland and Labrador provincial tax"),
        new("13", "HST", [15m], "Harmonized federal and PEI provincial tax"),
    ];

    [Theory]
    [InlineData("NB", "HST NB")]
    [InlineData("nb", "HST NB")]
    [InlineData("CA-NL", "HST NL")]
    [InlineData("New Brunswick", "HST NB")]
    [InlineData("PE", "HST")]
    [InlineData("Prince Edward Island", "HST")]
    public void TheCodeNamingTheProvince_IsTheOne(string region, string code) =>
        Assert.Equal(code, Assert.Single(RegionalTaxCodes.Of(AtFifteen, region)).Name);

    [Fact]
    public void AProvinceNoCodeNames_ChoosesNone() => Assert.Empty(RegionalTaxCodes.Of(AtFifteen, "ON"));

    /// <summary>A province's code is a word in capitals: "on" in a description is not Ontario.</summary>
    [Fact]
    public void TheCodeAsALowerCaseWord_IsNoProvince()
    {
        TaxCodeInfo[] codes = [new("1", "Sales 13", [13m], "Tax on sales"), new("2", "HST ON 2010", [13m], "Harmonized federal and provincial tax")];

        Assert.Equal("HST ON 2010", Assert.Single(RegionalTaxCodes.Of(codes, "ON")).Name);
    }

    [Fact]
    public void Chooser_TakesTheCodeOfThePlaceOfSupply_AndRefusesWithoutOne()
    {
        var regime = new CompanyRegime { Country = "CA", HomeCurrency = "CAD", SalesTax = true, TaxCodes = AtFifteen };

        Assert.Equal("HST NL", new TaxCodeChooser(regime, new BookingSettings(), "NL").Choose(15m, out var none)?.Name);
        Assert.Null(none);
        Assert.Null(new TaxCodeChooser(regime, new BookingSettings(), "QC").Choose(15m, out var unnamed));
        Assert.Contains("none of them names the sale's region 'QC'", unnamed);
        Assert.Null(new TaxCodeChooser(regime, new BookingSettings(), null).Choose(15m, out var unstated));
        Assert.Contains("the sale states no region", unstated);
        Assert.True(regime.ChoosesCodesByRegion);
    }

    [Theory]
    [InlineData("13%", "13", null)]
    [InlineData("0.15 NB", "15", "NB")]
    [InlineData(" 15% CA-NB ", "15", "CA-NB")]
    [InlineData("15% 3", null, null)]
    [InlineData("fifteen NB", null, "NB")]
    public void TaxCodesKey_IsARate_ThenARegion(string key, string? rate, string? region) =>
        Assert.Equal((rate is null ? null : decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), region), TaxRateText.ParseKey(key));

    [Fact]
    public void Chooser_TakesTheMappingForThePlaceOfSupply_ThenTheOneForTheRate()
    {
        var regime = new CompanyRegime { Country = "CA", HomeCurrency = "CAD", SalesTax = true, TaxCodes = AtFifteen };
        var settings = new BookingSettings { TaxCodesByRate = new Dictionary<string, string> { ["15% New Brunswick"] = "HST", ["15%"] = "HST NL" } };

        Assert.Equal("HST", new TaxCodeChooser(regime, settings, "NB").Choose(15m, out _)?.Name);
        Assert.Equal("HST NL", new TaxCodeChooser(regime, settings, "PE").Choose(15m, out _)?.Name);
        Assert.Equal("HST NL", new TaxCodeChooser(regime, settings, null).Choose(15m, out _)?.Name);
    }

    [Fact]
    public void PlaceOfSupply_IsTheShipTosRegion_ElseTheBillTos_AndOutlivesTheBuyer()
    {
        var sale = new Sale
        {
            Currency = "CAD", Date = new DateOnly(2026, 12, 6), Lines = [], Total = 0m,
            Customer = new Party { BillingAddress = new Address { Region = "ON" }, ShippingAddress = new Address { Region = "NB" } },
        };

        Assert.Equal("NB", sale.PlaceOfSupply);
        Assert.Equal("ON", (sale with { Customer = sale.Customer with { ShippingAddress = null } }).PlaceOfSupply);
        Assert.Equal("NB", (sale with { Customer = new Party(), PlaceOfSupply = sale.PlaceOfSupply }).PlaceOfSupply);
    }
}
