using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Books;

/// <summary>Company settings, Preferences and what a new company of each region starts with.</summary>
public sealed class CompanySetupTests
{
    [Fact]
    public async Task Preferences_DemoCompany_UsUsdSalesTaxAndMulticurrencyOff()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(token, "preferences");

        var prefs = (await TestSandbox.JsonAsync(response))["Preferences"]!;
        Assert.False(prefs["TaxPrefs"]!["UsingSalesTax"]!.GetValue<bool>());
        Assert.False(prefs["TaxPrefs"]!["PartnerTaxEnabled"]!.GetValue<bool>());
        Assert.Equal("USD", prefs["CurrencyPrefs"]!["HomeCurrency"]!["value"]!.GetValue<string>());
        Assert.False(prefs["CurrencyPrefs"]!["MultiCurrencyEnabled"]!.GetValue<bool>());
        Assert.False(prefs["SalesFormsPrefs"]!["CustomTxnNumbers"]!.GetValue<bool>());
        Assert.False(prefs["AccountingInfoPrefs"]!["ClassTrackingPerTxnLine"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("CA", "CAN", "CAD", "GST/HST Payable", "HST ON")]
    [InlineData("UK", "GBR", "GBP", "VAT Control", "20.0% S")]
    [InlineData("AU", "AUS", "AUD", "GST Liabilities Payable", "GST")]
    [InlineData("US", "USA", "USD", "Sales Tax Payable", "California")]
    public async Task NewCompany_Region_HasItsChartOfAccountsAndTaxCodes(string country, string alpha3, string currency, string taxAccount, string taxCode)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync($$"""{"country":"{{country}}"}""", seedDemoData: false);

        using var info = await sandbox.GetAsync(token, $"companyinfo/{realm}", realm);
        using var accounts = await sandbox.QueryAsync(token, "select * from Account", realm);
        using var codes = await sandbox.QueryAsync(token, $"select * from TaxCode where Name = '{taxCode}'", realm);
        using var prefs = await sandbox.GetAsync(token, "preferences", realm);

        var company = (await TestSandbox.JsonAsync(info))["CompanyInfo"]!;
        Assert.Equal(country == "UK" ? "GB" : country, company["Country"]!.GetValue<string>());
        Assert.Equal(alpha3, company["CompanyAddr"]!["Country"]!.GetValue<string>());
        var names = (await TestSandbox.JsonAsync(accounts))["QueryResponse"]!["Account"]!.AsArray().Select(a => a!["Name"]!.GetValue<string>()).ToList();
        Assert.Contains(taxAccount, names);
        Assert.Contains("Undeposited Funds", names);
        Assert.Contains("Accounts Receivable (A/R)", names);
        Assert.Single((await TestSandbox.JsonAsync(codes))["QueryResponse"]!["TaxCode"]!.AsArray());
        var p = (await TestSandbox.JsonAsync(prefs))["Preferences"]!;
        Assert.Equal(currency, p["CurrencyPrefs"]!["HomeCurrency"]!["value"]!.GetValue<string>());
        Assert.Equal(country != "US", p["TaxPrefs"]!["UsingSalesTax"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PatchSettings_Multicurrency_PreferencesFollowWithNewSyncToken()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var patch = await sandbox.Http.PatchAsJsonAsync($"_sandbox/companies/{TestSandbox.DemoRealm}/settings",
            new { multiCurrencyEnabled = true, classTracking = true, automatedSalesTax = true, salesTaxEnabled = true });
        using var prefs = await sandbox.GetAsync(token, "preferences");
        using var off = await sandbox.Http.PatchAsJsonAsync($"_sandbox/companies/{TestSandbox.DemoRealm}/settings", new { multiCurrencyEnabled = false });
        using var country = await sandbox.Http.PatchAsJsonAsync($"_sandbox/companies/{TestSandbox.DemoRealm}/settings", new { country = "CA" });

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var settings = await patch.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(settings!["multiCurrencyEnabled"]!.GetValue<bool>());
        var p = (await TestSandbox.JsonAsync(prefs))["Preferences"]!;
        Assert.Equal("1", p["SyncToken"]!.GetValue<string>());
        Assert.True(p["CurrencyPrefs"]!["MultiCurrencyEnabled"]!.GetValue<bool>());
        Assert.True(p["TaxPrefs"]!["PartnerTaxEnabled"]!.GetValue<bool>());
        Assert.True(p["AccountingInfoPrefs"]!["ClassTrackingPerTxnLine"]!.GetValue<bool>());

        // QBO cannot turn multicurrency off again, nor move a company to another country.
        Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, country.StatusCode);
    }

    [Fact]
    public async Task Subdivision_SetAtCreationAndPatched_IsTheCompanysAddressProvince()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"CA","subdivision":"nb"}""", seedDemoData: false);

        using var created = await sandbox.GetAsync(token, $"companyinfo/{realm}", realm);
        using var same = await sandbox.Http.PatchAsJsonAsync($"_sandbox/companies/{realm}/settings", new { country = "CA", multiCurrencyEnabled = true });
        using var patch = await sandbox.Http.PatchAsJsonAsync($"_sandbox/companies/{realm}/settings", new { subdivision = "PE" });
        using var moved = await sandbox.GetAsync(token, $"companyinfo/{realm}", realm);
        var (defaultRealm, defaultToken) = await sandbox.CompanyAsync("""{"country":"CA"}""", seedDemoData: false);
        using var unset = await sandbox.GetAsync(defaultToken, $"companyinfo/{defaultRealm}", defaultRealm);

        Assert.Equal("NB", (await TestSandbox.JsonAsync(created))["CompanyInfo"]!["CompanyAddr"]!["CountrySubDivisionCode"]!.GetValue<string>());
        Assert.Equal("NB", (await same.Content.ReadFromJsonAsync<JsonObject>())!["subdivision"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("PE", (await patch.Content.ReadFromJsonAsync<JsonObject>())!["subdivision"]!.GetValue<string>());
        var info = (await TestSandbox.JsonAsync(moved))["CompanyInfo"]!;
        Assert.Equal(["PE", "PE", "PE"], new[] { "CompanyAddr", "LegalAddr", "CustomerCommunicationAddr" }.Select(a => info[a]!["CountrySubDivisionCode"]!.GetValue<string>()));
        Assert.Equal("ON", (await TestSandbox.JsonAsync(unset))["CompanyInfo"]!["CompanyAddr"]!["CountrySubDivisionCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task TaxEntities_ReadableAndQueryable()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"CA"}""");

        using var rates = await sandbox.QueryAsync(token, "select * from TaxRate where Name = 'QST'", realm);
        var rate = (await TestSandbox.JsonAsync(rates))["QueryResponse"]!["TaxRate"]![0]!;
        var agency = await sandbox.ReadAsync(token, "TaxAgency", rate["AgencyRef"]!["value"]!.GetValue<string>(), realm);
        using var codes = await sandbox.QueryAsync(token, "select * from TaxCode where Name = 'GST/QST QC - 9.975'", realm);
        var code = (await TestSandbox.JsonAsync(codes))["QueryResponse"]!["TaxCode"]![0]!;

        Assert.Equal(9.975m, rate["RateValue"]!.GetValue<decimal>());
        Assert.Equal("Revenu Québec", agency["DisplayName"]!.GetValue<string>());
        Assert.Equal(2, code["SalesTaxRateList"]!["TaxRateDetail"]!.AsArray().Count);
        var read = await sandbox.ReadAsync(token, "TaxCode", code["Id"]!.GetValue<string>(), realm);
        Assert.Equal("GST/QST QC - 9.975", read["Name"]!.GetValue<string>());
    }
}
