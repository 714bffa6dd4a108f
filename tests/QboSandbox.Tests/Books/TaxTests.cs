using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Books;

/// <summary>TotalTax and TotalAmt by each region's rules, on worked examples whose source is named.</summary>
public sealed class TaxTests
{
    private static string Line(decimal amount, string? taxCode, string extra = "")
    {
        var code = taxCode is null ? "" : ",\"TaxCodeRef\":{\"value\":\"" + taxCode + "\"}";
        return "{\"DetailType\":\"SalesItemLineDetail\",\"Amount\":" + amount.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"1\"}" + code + extra + "}}";
    }

    private static async Task<string> CodeIdAsync(TestSandbox sandbox, string token, string realm, string name)
    {
        using var response = await sandbox.QueryAsync(token, $"select * from TaxCode where Name = '{name}'", realm);
        return (await TestSandbox.JsonAsync(response))["QueryResponse"]!["TaxCode"]![0]!["Id"]!.GetValue<string>();
    }

    [Fact]
    public async Task UsManualSalesTax_IntuitInvoiceSample_TaxesTheTaxableTotalAt8Percent()
    {
        // Intuit's Invoice reference sample (DocNumber 1037): lines 275.00, 12.75 and 5 × 9.50 = 47.50, all TAX,
        // TxnTaxCodeRef 2 (California, 8 %): NetAmountTaxable 335.25, TotalTax 26.82, TotalAmt 362.07.
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"US","salesTaxEnabled":true}""");

        var invoice = await sandbox.CreateAsync(token, "Invoice", $$"""
            {"CustomerRef":{"value":"1"},"Line":[{{Line(275m, "TAX")}},{{Line(12.75m, "TAX")}},
             {{Line(47.5m, "TAX", ",\"Qty\":5,\"UnitPrice\":9.5")}},{{Line(10m, "NON")}}]}
            """, realm);

        var tax = invoice["TxnTaxDetail"]!;
        Assert.Equal(26.82m, tax["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(335.25m, tax["TaxLine"]![0]!["TaxLineDetail"]!["NetAmountTaxable"]!.GetValue<decimal>());
        Assert.Equal(8m, tax["TaxLine"]![0]!["TaxLineDetail"]!["TaxPercent"]!.GetValue<decimal>());
        Assert.Equal(372.07m, invoice["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(372.07m, invoice["Balance"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task UsAutomatedSalesTax_ShipToState_EngineAssignsCodeAndRate()
    {
        // AST picks the code from the ship-to address and ignores the code sent (REFERENCE §3.3; Intuit,
        // "Manage sales tax for US locales"). The sandbox's table has NY at 8.875 %: 100 → 8.875 → 8.88 (half up).
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"US","salesTaxEnabled":true,"automatedSalesTax":true}""");
        var california = await CodeIdAsync(sandbox, token, realm, "California");

        var invoice = await sandbox.CreateAsync(token, "Invoice", $$$"""
            {"CustomerRef":{"value":"1"},"ShipAddr":{"City":"New York","CountrySubDivisionCode":"NY"},
             "TxnTaxDetail":{"TxnTaxCodeRef":{"value":"{{{california}}}"}},"Line":[{{{Line(100m, "TAX")}}}]}
            """, realm);

        var code = await sandbox.ReadAsync(token, "TaxCode", invoice["TxnTaxDetail"]!["TxnTaxCodeRef"]!["value"]!.GetValue<string>(), realm);
        Assert.Equal("NY (AST)", code["Name"]!.GetValue<string>());
        Assert.Equal(8.88m, invoice["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(108.88m, invoice["TotalAmt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task UsAutomatedSalesTax_TotalTaxSent_IsHonoured()
    {
        // "Whenever an explicit tax amount is sent in the transaction request the AST engine honors the amount
        // and prorates it across tax rates in the AST-assigned tax code" (Intuit blog, 2017-12-11).
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"US","salesTaxEnabled":true,"automatedSalesTax":true}""");

        var invoice = await sandbox.CreateAsync(token, "Invoice", $$"""
            {"CustomerRef":{"value":"1"},"TxnTaxDetail":{"TotalTax":5.00},"Line":[{{Line(100m, "TAX")}}]}
            """, realm);
        var updated = await sandbox.CreateAsync(token, "Invoice", $$"""
            {"Id":"{{invoice["Id"]}}","SyncToken":"0","sparse":true,"PrivateNote":"sparse update keeps the override"}
            """, realm);

        Assert.Equal(5m, invoice["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(5m, invoice["TxnTaxDetail"]!["TaxLine"]![0]!["Amount"]!.GetValue<decimal>());
        Assert.Equal(105m, invoice["TotalAmt"]!.GetValue<decimal>());

        // A sparse update that sends no tax is recomputed by the engine (company address: CA, 8.25 %).
        Assert.Equal(8.25m, updated["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Canada_GstAndHstCodes_TaxedPerLine()
    {
        // HST ON 13 % and GST 5 % (CRA rates; code names as a CA company lists them), rounded per line:
        // 100.00 × 13 % = 13.00; 50.01 × 5 % = 2.5005 → 2.50; GST/QST: 20 × 5 % = 1.00 and 20 × 9.975 % = 1.995 → 2.00.
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"CA"}""");
        var hst = await CodeIdAsync(sandbox, token, realm, "HST ON");
        var gst = await CodeIdAsync(sandbox, token, realm, "GST");
        var qst = await CodeIdAsync(sandbox, token, realm, "GST/QST QC - 9.975");

        var invoice = await sandbox.CreateAsync(token, "Invoice", $$"""
            {"CustomerRef":{"value":"1"},"GlobalTaxCalculation":"TaxExcluded",
             "Line":[{{Line(100m, hst)}},{{Line(50.01m, gst)}},{{Line(20m, qst)}}]}
            """, realm);

        Assert.Equal(18.50m, invoice["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(188.51m, invoice["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal("CAD", invoice["CurrencyRef"]!["value"]!.GetValue<string>());
        var gstLine = invoice["TxnTaxDetail"]!["TaxLine"]!.AsArray().Single(l => l!["TaxLineDetail"]!["TaxPercent"]!.GetValue<decimal>() == 5m)!;
        Assert.Equal(70.01m, gstLine["TaxLineDetail"]!["NetAmountTaxable"]!.GetValue<decimal>());
        Assert.Equal(3.50m, gstLine["Amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Canada_LineWithoutTaxCode_Refused6000()
    {
        // activepieces#8539 (REFERENCE §3.5): "Make sure all your transactions have a GST/HST rate before you save".
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"CA"}""");

        using var response = await sandbox.PostAsync(token, "invoice", $$"""{"CustomerRef":{"value":"1"},"Line":[{{Line(100m, null)}}]}""", realm);

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "6000");
        Assert.Contains("Make sure all your transactions have a GST/HST rate before you save", error["Detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTaxCode_Refused2500()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"UK"}""");

        using var response = await sandbox.PostAsync(token, "invoice", $$"""{"CustomerRef":{"value":"1"},"Line":[{{Line(100m, "999")}}]}""", realm);

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2500");
        Assert.Equal("Line.SalesItemLineDetail.TaxCodeRef", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnitedKingdom_VatExclusive_RoundsEachLine()
    {
        // UK VAT 20 % standard, 5 % reduced, 0 % zero-rated, rounded per line (QBO global editions tax each line):
        // 10.99 → 2.198 → 2.20; 0.03 → 0.006 → 0.01 twice (0.02, where one rounding of the total would give 0.01);
        // 3.33 × 5 % = 0.1665 → 0.17; 5.00 at 0 % → 0.
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"UK"}""");
        var standard = await CodeIdAsync(sandbox, token, realm, "20.0% S");
        var reduced = await CodeIdAsync(sandbox, token, realm, "5.0% R");
        var zero = await CodeIdAsync(sandbox, token, realm, "0.0% Z");

        var invoice = await sandbox.CreateAsync(token, "Invoice", $$"""
            {"CustomerRef":{"value":"1"},"Line":[{{Line(10.99m, standard)}},{{Line(0.03m, standard)}},{{Line(0.03m, standard)}},
             {{Line(3.33m, reduced)}},{{Line(5m, zero)}}]}
            """, realm);

        Assert.Equal("TaxExcluded", invoice["GlobalTaxCalculation"]!.GetValue<string>());
        Assert.Equal(2.39m, invoice["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(21.77m, invoice["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal("GBP", invoice["CurrencyRef"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnitedKingdom_YenInvoice_RoundsVatToTheWholeYen()
    {
        // The yen has no minor unit (ISO 4217 exponent 0): 20 % of ¥3,333 is ¥666.6, charged as ¥667, not ¥666.60.
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"UK","multiCurrencyEnabled":true}""");
        var standard = await CodeIdAsync(sandbox, token, realm, "20.0% S");
        var customer = await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"Tanaka KK","CurrencyRef":{"value":"JPY"}}""", realm);

        var invoice = await sandbox.CreateAsync(token, "Invoice", $$"""
            {"CustomerRef":{"value":"{{customer["Id"]}}"},"CurrencyRef":{"value":"JPY"},"Line":[{{Line(3333m, standard)}}]}
            """, realm);

        Assert.Equal(667m, invoice["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(4000m, invoice["TotalAmt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Australia_GstInclusive_RealInvoiceReproduced()
    {
        // A real AU company's TaxInclusive invoice (Id 2508, DocNumber 211, GST 10 %) published in a public
        // integration's fixtures: gross lines 305.46, 3419.80, 87.50, 42.80, 54.12, 19.97, 21.98 are stored as
        // nets 277.69, 3108.91, 79.55, 38.91, 49.20, 18.15, 19.98; subtotal 3592.39, TotalTax 359.24, TotalAmt 3951.63.
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"AU"}""");
        var gst = await CodeIdAsync(sandbox, token, realm, "GST");
        decimal[] gross = [305.46m, 3419.8m, 87.5m, 42.8m, 54.12m, 19.97m, 21.98m];

        var invoice = await sandbox.CreateAsync(token, "Invoice", $$"""
            {"CustomerRef":{"value":"1"},"GlobalTaxCalculation":"TaxInclusive","Line":[{{string.Join(",", gross.Select(g => Line(g, gst)))}}]}
            """, realm);

        var lines = invoice["Line"]!.AsArray();
        Assert.Equal([277.69m, 3108.91m, 79.55m, 38.91m, 49.2m, 18.15m, 19.98m], lines.Take(7).Select(l => l!["Amount"]!.GetValue<decimal>()));
        Assert.Equal(305.46m, lines[0]!["SalesItemLineDetail"]!["TaxInclusiveAmt"]!.GetValue<decimal>());
        Assert.Equal(3592.39m, lines[7]!["Amount"]!.GetValue<decimal>());
        Assert.Equal(359.24m, invoice["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(3951.63m, invoice["TotalAmt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Australia_NotApplicable_NoTaxAndNoCodeNeeded()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"AU"}""");

        var invoice = await sandbox.CreateAsync(token, "Invoice", $$"""
            {"CustomerRef":{"value":"1"},"GlobalTaxCalculation":"NotApplicable","Line":[{{Line(40m, null)}}]}
            """, realm);

        Assert.Equal(0m, invoice["TxnTaxDetail"]!["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(40m, invoice["TotalAmt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task SalesReceipt_UsesTheSameTaxRules()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"UK"}""");
        var standard = await CodeIdAsync(sandbox, token, realm, "20.0% S");

        var receipt = await sandbox.CreateAsync(token, "SalesReceipt", $$"""{"Line":[{{Line(50m, standard)}}]}""", realm);

        Assert.Equal(60m, receipt["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(0m, receipt["Balance"]!.GetValue<decimal>());
        Assert.Equal("Undeposited Funds", receipt["DepositToAccountRef"]!["name"]!.GetValue<string>());
    }
}
