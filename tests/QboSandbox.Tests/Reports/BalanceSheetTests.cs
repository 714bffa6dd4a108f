using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Reports;

/// <summary>GET reports/BalanceSheet in the shape of Intuit's example: balances at the end date, assets equal to liabilities and equity.</summary>
public sealed class BalanceSheetTests
{
    private const string Report = "BalanceSheet";

    [Fact]
    public async Task BalanceSheet_TaxedSalePartlyPaidAndDeposited_AssetsEqualLiabilitiesAndEquity()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync(Bookkeeping.TaxedUs);
        var invoice = await sandbox.CreateAsync(token, "Invoice", Bookkeeping.TaxedInvoice, realm);
        var payment = await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(50m, ("Invoice", invoice["Id"]!.GetValue<string>(), 50m)), realm);
        await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(20m, ("Invoice", invoice["Id"]!.GetValue<string>(), 20m)), realm);
        await sandbox.CreateAsync(token, "Deposit", $$"""
            {"DepositToAccountRef":{"value":"5"},"Line":[{"Amount":50,"LinkedTxn":[{"TxnId":"{{payment["Id"]}}","TxnType":"Payment"}]}]}
            """, realm);

        var report = await Bookkeeping.StatementAsync(sandbox, token, realm, Report);

        Assert.Equal("BalanceSheet", report["Header"]!["ReportName"]!.GetValue<string>());
        Assert.Equal("this fiscal year-to-date", report["Header"]!["DateMacro"]!.GetValue<string>());
        Assert.Equal(["TotalAssets", "TotalLiabilitiesAndEquity"], Bookkeeping.TopGroups(report));
        var currentAssets = Bookkeeping.Group(report, "CurrentAssets")["Rows"]!["Row"]!.AsArray();
        Assert.Equal(["BankAccounts", "AR", "OtherCurrentAssets"], currentAssets.Select(r => r!["group"]!.GetValue<string>()));
        Assert.Equal("50.00", Bookkeeping.Value(report, "Checking"));
        Assert.Equal("38.00", Bookkeeping.Value(report, "Accounts Receivable (A/R)"));
        Assert.Equal("20.00", Bookkeeping.Value(report, "Undeposited Funds"));
        Assert.Equal("108.00", Bookkeeping.Value(report, "TOTAL ASSETS"));

        // The tax owed is a liability, shown credit-positive; the sale is this year's net income.
        Assert.Equal("8.00", Bookkeeping.Value(report, "Sales Tax Payable"));
        Assert.Equal("8.00", Bookkeeping.Value(report, "Total Other Current Liabilities"));
        Assert.Equal("8.00", Bookkeeping.Value(report, "Total Liabilities"));
        var netIncome = Bookkeeping.Group(report, "NetIncome");
        Assert.Equal("Data", netIncome["type"]!.GetValue<string>());
        Assert.Equal("100.00", Bookkeeping.Value(report, "Net Income"));
        Assert.Equal("100.00", Bookkeeping.Value(report, "Total Equity"));
        Assert.Equal("108.00", Bookkeeping.Value(report, "TOTAL LIABILITIES AND EQUITY"));
    }

    [Fact]
    public async Task BalanceSheet_EarlierYearsIncome_IsRetainedEarnings()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2014-12-10", 100m));
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-03-01", 40m));
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-07-20", 5m));

        var march = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, Report, "?start_date=2015-01-01&end_date=2015-03-31");
        var lastYear = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, Report, "?date_macro=Last%20Fiscal%20Year");

        Assert.Equal("140.00", Bookkeeping.Value(march, "Accounts Receivable (A/R)"));
        Assert.Equal("100.00", Bookkeeping.Value(march, "Retained Earnings"));
        Assert.Equal("40.00", Bookkeeping.Value(march, "Net Income"));
        Assert.Equal("140.00", Bookkeeping.Value(march, "TOTAL LIABILITIES AND EQUITY"));
        Assert.Equal("2014-12-31", lastYear["Header"]!["EndPeriod"]!.GetValue<string>());
        Assert.Null(Bookkeeping.Value(lastYear, "Retained Earnings"));
        Assert.Equal("100.00", Bookkeeping.Value(lastYear, "Net Income"));
    }

    [Fact]
    public async Task BalanceSheet_RetainedEarningsAccount_CarriesEarlierYearsWithItsId()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var retained = await sandbox.CreateAsync(token, "Account", """{"Name":"Retained Earnings","AccountType":"Equity","AccountSubType":"RetainedEarnings"}""");
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2014-12-10", 100m));

        var report = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, Report);
        var row = Bookkeeping.Group(report, "Equity")["Rows"]!["Row"]![0]!;

        Assert.Equal(retained["Id"]!.GetValue<string>(), row["ColData"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("100.00", row["ColData"]![1]!["value"]!.GetValue<string>());
        Assert.Null(Bookkeeping.Value(report, "Net Income"));
    }

    [Fact]
    public async Task BalanceSheet_NothingBooked_NoReportData()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        var report = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, Report);

        Assert.Equal("true", report["Header"]!["Option"]![1]!["Value"]!.GetValue<string>());
        Assert.Null(report["Rows"]!["Row"]);
    }
}
