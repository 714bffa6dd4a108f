using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Reports;

/// <summary>GET reports/TrialBalance in the shape of Intuit's sample, over the period asked.</summary>
public sealed class TrialBalanceTests
{
    [Fact]
    public async Task TrialBalance_Default_HasIntuitsShapeForThisMonthToDate()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);

        var report = await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);
        var header = report["Header"]!;
        var columns = report["Columns"]!["Column"]!.AsArray();
        var rows = report["Rows"]!["Row"]!.AsArray();

        Assert.Equal("TrialBalance", header["ReportName"]!.GetValue<string>());
        Assert.Equal("this month-to-date", header["DateMacro"]!.GetValue<string>());
        Assert.Equal("Accrual", header["ReportBasis"]!.GetValue<string>());
        Assert.Equal("2015-07-01", header["StartPeriod"]!.GetValue<string>());
        Assert.Equal("2015-07-24", header["EndPeriod"]!.GetValue<string>());
        Assert.Equal("USD", header["Currency"]!.GetValue<string>());
        Assert.Equal("2015-07-24T10:33:39-07:00", header["Time"]!.GetValue<string>());
        Assert.Equal("false", header["Option"]![0]!["Value"]!.GetValue<string>());
        Assert.Equal(["Account", "Money", "Money"], columns.Select(c => c!["ColType"]!.GetValue<string>()));
        Assert.Equal(["", "Debit", "Credit"], columns.Select(c => c!["ColTitle"]!.GetValue<string>()));
        Assert.Equal("3", rows[0]!["ColData"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("1", rows[1]!["ColData"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Section", rows[2]!["type"]!.GetValue<string>());
        Assert.Equal("GrandTotal", rows[2]!["group"]!.GetValue<string>());
        Assert.Equal("100.00", rows[2]!["Summary"]!["ColData"]![2]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task TrialBalance_StartAndEndDates_BalancesAtTheEndAndIncomeWithinThePeriod()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-05-10", 100m));
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-06-10", 40m));
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-07-10", 7m));

        var june = await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm, "?start_date=2015-06-01&end_date=2015-06-30");

        Assert.Null(june["Header"]!["DateMacro"]);
        Assert.Equal("2015-06-01", june["Header"]!["StartPeriod"]!.GetValue<string>());
        Assert.Equal(("140.00", ""), Bookkeeping.Row(june, "Accounts Receivable (A/R)"));
        Assert.Equal(("", "40.00"), Bookkeeping.Row(june, "Services"));
        Assert.Equal(("", "100.00"), Bookkeeping.Row(june, "Retained Earnings"));
    }

    [Fact]
    public async Task TrialBalance_DateMacroLastMonth_CoversJune()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-06-10", 40m));

        var report = await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm, "?date_macro=Last%20Month");

        Assert.Equal("last month", report["Header"]!["DateMacro"]!.GetValue<string>());
        Assert.Equal("2015-06-01", report["Header"]!["StartPeriod"]!.GetValue<string>());
        Assert.Equal("2015-06-30", report["Header"]!["EndPeriod"]!.GetValue<string>());
        Assert.Equal(("", "40.00"), Bookkeeping.Row(report, "Services"));
    }

    [Fact]
    public async Task TrialBalance_NoTransactions_NoReportData()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        var report = await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal("true", report["Header"]!["Option"]![0]!["Value"]!.GetValue<string>());
        Assert.Null(report["Rows"]!["Row"]);
    }

    [Theory]
    [InlineData("?accounting_method=Cash", "500")]
    [InlineData("?start_date=2015-13-01", "2010")]
    [InlineData("?date_macro=Someday", "2010")]
    [InlineData("?start_date=2015-07-02&end_date=2015-07-01", "2010")]
    public async Task TrialBalance_UnsupportedOrInvalidParameters_Refused(string query, string code)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(token, "reports/TrialBalance" + query);

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task TrialBalance_OtherRealmsToken_Refused()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var (realm, _) = await sandbox.CompanyAsync("""{"country":"US"}""");

        using var response = await sandbox.GetAsync(token, "reports/TrialBalance", realm);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
