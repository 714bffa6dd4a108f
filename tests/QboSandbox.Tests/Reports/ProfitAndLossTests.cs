using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Reports;

/// <summary>GET reports/ProfitAndLoss in the shape of Intuit's example, each account's activity within the period.</summary>
public sealed class ProfitAndLossTests
{
    private const string Report = "ProfitAndLoss";

    private static async Task<string> AccountAsync(TestSandbox sandbox, string token, string json) =>
        (await sandbox.CreateAsync(token, "Account", json))["Id"]!.GetValue<string>();

    [Fact]
    public async Task ProfitAndLoss_Default_HasIntuitsShapeForThisFiscalYearToDate()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);

        var report = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, Report);
        var header = report["Header"]!;
        var columns = report["Columns"]!["Column"]!.AsArray();

        Assert.Equal("ProfitAndLoss", header["ReportName"]!.GetValue<string>());
        Assert.Equal("this fiscal year-to-date", header["DateMacro"]!.GetValue<string>());
        Assert.Equal("Accrual", header["ReportBasis"]!.GetValue<string>());
        Assert.Equal("2015-01-01", header["StartPeriod"]!.GetValue<string>());
        Assert.Equal("2015-07-24", header["EndPeriod"]!.GetValue<string>());
        Assert.Equal("USD", header["Currency"]!.GetValue<string>());
        Assert.Equal("Total", header["SummarizeColumnsBy"]!.GetValue<string>());
        Assert.Equal(["AccountingStandard:GAAP", "NoReportData:false"],
            header["Option"]!.AsArray().Select(o => o!["Name"]!.GetValue<string>() + ":" + o["Value"]!.GetValue<string>()));
        Assert.Equal(["Account", "Money"], columns.Select(c => c!["ColType"]!.GetValue<string>()));
        Assert.Equal(["account", "total"], columns.Select(c => c!["MetaData"]![0]!["Value"]!.GetValue<string>()));
        Assert.Equal(["Income", "GrossProfit", "Expenses", "NetOperatingIncome", "NetIncome"], Bookkeeping.TopGroups(report));

        var income = Bookkeeping.Group(report, "Income");
        Assert.Equal("Income", income["Header"]!["ColData"]![0]!["value"]!.GetValue<string>());
        var services = income["Rows"]!["Row"]![0]!;
        Assert.Equal("Data", services["type"]!.GetValue<string>());
        Assert.Equal("1", services["ColData"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Services", services["ColData"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("100.00", services["ColData"]![1]!["value"]!.GetValue<string>());
        Assert.Equal("100.00", Bookkeeping.Value(report, "Total Income"));
        Assert.Equal("100.00", Bookkeeping.Value(report, "Gross Profit"));

        // No expenses: the section is there, without rows and with an empty total, as in Intuit's example.
        var expenses = Bookkeeping.Group(report, "Expenses");
        Assert.Null(expenses["Rows"]);
        Assert.Equal("", Bookkeeping.Value(report, "Total Expenses"));
        Assert.Equal("100.00", Bookkeeping.Value(report, "Net Operating Income"));
        Assert.Equal("100.00", Bookkeeping.Value(report, "Net Income"));
    }

    [Fact]
    public async Task ProfitAndLoss_StartAndEndDates_OnlyThePeriodsActivityWithDiscountsAsNegativeIncome()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-05-10", 100m));
        await sandbox.CreateAsync(token, "Invoice", """
            {"CustomerRef":{"value":"1"},"TxnDate":"2015-06-10","Line":[
              {"DetailType":"SalesItemLineDetail","Amount":40,"SalesItemLineDetail":{"ItemRef":{"value":"4"}}},
              {"DetailType":"DiscountLineDetail","DiscountLineDetail":{"PercentBased":true,"DiscountPercent":10}}]}
            """);

        var june = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, Report, "?start_date=2015-06-01&end_date=2015-06-30");

        Assert.Null(june["Header"]!["DateMacro"]);
        Assert.Equal("2015-06-01", june["Header"]!["StartPeriod"]!.GetValue<string>());
        Assert.Null(Bookkeeping.Value(june, "Services"));
        Assert.Equal("40.00", Bookkeeping.Value(june, "Sales of Product Income"));
        Assert.Equal("-4.00", Bookkeeping.Value(june, "Discounts given"));
        Assert.Equal("36.00", Bookkeeping.Value(june, "Total Income"));
        Assert.Equal("36.00", Bookkeeping.Value(june, "Net Income"));
    }

    [Fact]
    public async Task ProfitAndLoss_CostsExpensesAndOtherIncome_EachInItsSection()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var cogs = await AccountAsync(sandbox, token, """{"Name":"Cost of sales","AccountType":"Cost of Goods Sold"}""");
        var fees = await AccountAsync(sandbox, token, """{"Name":"Bank charges","AccountType":"Expense"}""");
        var interest = await AccountAsync(sandbox, token, """{"Name":"Interest earned","AccountType":"Other Income"}""");
        var penalties = await AccountAsync(sandbox, token, """{"Name":"Penalties","AccountType":"Other Expense"}""");
        await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);

        // A deposit line naming an account credits it: a negative line is a cost taken out of the deposit.
        await sandbox.CreateAsync(token, "Deposit", $$"""
            {"DepositToAccountRef":{"value":"5"},"Line":[
              {"Amount":200,"DetailType":"DepositLineDetail","DepositLineDetail":{"AccountRef":{"value":"9"} } },
              {"Amount":-30,"DetailType":"DepositLineDetail","DepositLineDetail":{"AccountRef":{"value":"{{cogs}}"} } },
              {"Amount":-2.5,"DetailType":"DepositLineDetail","DepositLineDetail":{"AccountRef":{"value":"{{fees}}"} } },
              {"Amount":1.2,"DetailType":"DepositLineDetail","DepositLineDetail":{"AccountRef":{"value":"{{interest}}"} } },
              {"Amount":-0.7,"DetailType":"DepositLineDetail","DepositLineDetail":{"AccountRef":{"value":"{{penalties}}"} } }]}
            """);

        var report = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, Report);

        Assert.Equal(
            ["Income", "COGS", "GrossProfit", "Expenses", "NetOperatingIncome", "OtherIncome", "OtherExpenses", "NetOtherIncome", "NetIncome"],
            Bookkeeping.TopGroups(report));
        Assert.Equal("30.00", Bookkeeping.Value(report, "Total Cost of Goods Sold"));
        Assert.Equal("70.00", Bookkeeping.Value(report, "Gross Profit"));
        Assert.Equal("2.50", Bookkeeping.Value(report, "Bank charges"));
        Assert.Equal("67.50", Bookkeeping.Value(report, "Net Operating Income"));
        Assert.Equal("1.20", Bookkeeping.Value(report, "Total Other Income"));
        Assert.Equal("0.70", Bookkeeping.Value(report, "Total Other Expenses"));
        Assert.Equal("0.50", Bookkeeping.Value(report, "Net Other Income"));
        Assert.Equal("68.00", Bookkeeping.Value(report, "Net Income"));
    }

    [Fact]
    public async Task ProfitAndLoss_SubAccounts_NestUnderTheirParent()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var online = await AccountAsync(sandbox, token, """{"Name":"Online","AccountType":"Income","SubAccount":true,"ParentRef":{"value":"1"}}""");
        var course = await sandbox.CreateAsync(token, "Item", $$"""{"Name":"Online course","Type":"Service","IncomeAccountRef":{"value":"{{online}}"} }""");
        await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-07-01", 25m, course["Id"]!.GetValue<string>()));

        var report = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, Report);
        var services = Bookkeeping.Group(report, "Income")["Rows"]!["Row"]![0]!;

        Assert.Equal("Section", services["type"]!.GetValue<string>());
        Assert.Equal("1", services["Header"]!["ColData"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(
            ["Services:100.00", "Online:25.00"],
            services["Rows"]!["Row"]!.AsArray().Select(r => r!["ColData"]![0]!["value"]!.GetValue<string>() + ":" + r["ColData"]![1]!["value"]!.GetValue<string>()));
        Assert.Equal("125.00", Bookkeeping.Value(report, "Total Services"));
        Assert.Equal("125.00", Bookkeeping.Value(report, "Total Income"));
    }

    [Fact]
    public async Task ProfitAndLoss_NoIncomeOrExpense_NoReportData()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2014-05-10", 100m));

        var report = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, Report);

        Assert.Equal("true", report["Header"]!["Option"]![1]!["Value"]!.GetValue<string>());
        Assert.Null(report["Rows"]!["Row"]);
    }

    [Theory]
    [InlineData("ProfitAndLoss?customer=1", "500")]
    [InlineData("BalanceSheet?class=2", "500")]
    [InlineData("ProfitAndLoss?accounting_method=Cash", "500")]
    [InlineData("BalanceSheet?date_macro=Someday", "2010")]
    public async Task Statements_FiltersNotEmulatedOrInvalidParameters_Refused(string path, string code)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(token, "reports/" + path);

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, code);
    }
}
