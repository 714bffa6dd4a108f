using System.Net;
using System.Text.Json.Nodes;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Reports;

/// <summary>
/// GET reports/GeneralLedger in the shape of live answers: every posting of the period by account, from each account's
/// beginning balance, in its natural sign.
/// </summary>
public sealed class GeneralLedgerTests
{
    // The sandbox's today is 2015-07-24 (TestSandbox.Start). Demo accounts: 1 Services, 2 Sales of Product Income,
    // 3 Accounts Receivable (A/R), 4 Undeposited Funds, 6 Discounts given; items 1 (Services) and 4 (Sales of Product Income).
    private const string TwoLineSale = """
        {"CustomerRef":{"value":"1"},"TxnDate":"2015-07-01","DocNumber":"1001","PrivateNote":"Order 77","Line":[
          {"DetailType":"SalesItemLineDetail","Amount":100,"Description":"Design work","SalesItemLineDetail":{"ItemRef":{"value":"1"}}},
          {"DetailType":"SalesItemLineDetail","Amount":40,"Description":"Garden lamp","SalesItemLineDetail":{"ItemRef":{"value":"4"}}}]}
        """;

    private static async Task<JsonObject> LedgerAsync(TestSandbox sandbox, string token, string query = "")
    {
        using var response = await sandbox.GetAsync(token, "reports/GeneralLedger" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonArray Sections(JsonObject report) => report["Rows"]!["Row"]!.AsArray();

    private static JsonObject Section(JsonObject report, string account) =>
        Sections(report).Single(s => s!["Header"]!["ColData"]![0]!["value"]!.GetValue<string>() == account)!.AsObject();

    /// <summary>A section's rows (the beginning balance first), each as its cells' values.</summary>
    private static string[][] Values(JsonObject section) =>
        [.. section["Rows"]!["Row"]!.AsArray().Select(r => r!["ColData"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()).ToArray())];

    private static string[] SummaryValues(JsonObject section) =>
        [.. section["Summary"]!["ColData"]!.AsArray().Select(c => c!["value"]!.GetValue<string>())];

    [Fact]
    public async Task GeneralLedger_Default_EveryPostingByAccountForThisFiscalYearToDate()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = (await sandbox.CreateAsync(token, "Invoice", TwoLineSale))["Id"]!.GetValue<string>();
        var payment = (await sandbox.CreateAsync(token, "Payment", $$"""
            {"CustomerRef":{"value":"1"},"TotalAmt":140,"TxnDate":"2015-07-03","PaymentRefNum":"CHK 9",
             "Line":[{"Amount":140,"LinkedTxn":[{"TxnId":"{{invoice}}","TxnType":"Invoice"}]}]}
            """))["Id"]!.GetValue<string>();

        var report = await LedgerAsync(sandbox, token);

        var header = report["Header"]!;
        Assert.Equal("GeneralLedger", header["ReportName"]!.GetValue<string>());
        Assert.Equal("this fiscal year-to-date", header["DateMacro"]!.GetValue<string>());
        Assert.Equal("Accrual", header["ReportBasis"]!.GetValue<string>());
        Assert.Equal("2015-01-01", header["StartPeriod"]!.GetValue<string>());
        Assert.Equal("2015-07-24", header["EndPeriod"]!.GetValue<string>());
        Assert.Equal("false", header["Option"]![0]!["Value"]!.GetValue<string>());
        var columns = report["Columns"]!["Column"]!.AsArray();
        string[] keys = ["tx_date", "txn_type", "doc_num", "name", "memo", "split_acc", "subt_nat_amount", "rbal_nat_amount"];
        Assert.Equal(keys, columns.Select(c => c!["MetaData"]![0]!["Value"]!.GetValue<string>()));
        Assert.Equal(["Date", "String", "String", "String", "String", "String", "Money", "Money"], columns.Select(c => c!["ColType"]!.GetValue<string>()));
        Assert.Equal(["Date", "Transaction Type", "Num", "Name", "Memo/Description", "Split", "Amount", "Balance"],
            columns.Select(c => c!["ColTitle"]!.GetValue<string>()));

        // Balance sheet accounts first, then income; accounts the sale did not touch are left out.
        Assert.Equal(["Accounts Receivable (A/R)", "Undeposited Funds", "Sales of Product Income", "Services"],
            Sections(report).Select(s => s!["Header"]!["ColData"]![0]!["value"]!.GetValue<string>()));

        var receivable = Section(report, "Accounts Receivable (A/R)");
        Assert.Equal("3", receivable["Header"]!["ColData"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Section", receivable["type"]!.GetValue<string>());
        Assert.Equal(
            [
                ["Beginning Balance", "", "", "", "", "", "", "0.00"],
                ["2015-07-01", "Invoice", "1001", "Amy's Bird Sanctuary", "Order 77", "-Split-", "140.00", "140.00"],
                ["2015-07-03", "Payment", "CHK 9", "Amy's Bird Sanctuary", "", "Undeposited Funds", "-140.00", "0.00"],
            ],
            Values(receivable));
        Assert.Equal(["Total for Accounts Receivable (A/R)", "", "", "", "", "", "0.00", ""], SummaryValues(receivable));
        var invoiceRow = receivable["Rows"]!["Row"]![1]!["ColData"]!.AsArray();
        Assert.Equal(invoice, invoiceRow[1]!["id"]!.GetValue<string>());
        Assert.Equal("", invoiceRow[5]!["id"]!.GetValue<string>());
        Assert.Equal("1", invoiceRow[3]!["id"]!.GetValue<string>());
        var paymentRow = receivable["Rows"]!["Row"]![2]!["ColData"]!.AsArray();
        Assert.Equal(payment, paymentRow[1]!["id"]!.GetValue<string>());
        Assert.Equal("4", paymentRow[5]!["id"]!.GetValue<string>());

        // An income line: its own description, A/R as its split, credit-positive.
        Assert.Equal(
            [
                ["Beginning Balance", "", "", "", "", "", "", "0.00"],
                ["2015-07-01", "Invoice", "1001", "Amy's Bird Sanctuary", "Design work", "Accounts Receivable (A/R)", "100.00", "100.00"],
            ],
            Values(Section(report, "Services")));
        Assert.Equal("140.00", SummaryValues(Section(report, "Undeposited Funds"))[6]);
        Assert.Equal("Garden lamp", Values(Section(report, "Sales of Product Income"))[1][4]);
    }

    [Fact]
    public async Task GeneralLedger_APeriod_StartsFromEachAccountsBeginningBalance()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2014-12-10", 30m));
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-05-10", 100m));
        await sandbox.CreateAsync(token, "Invoice", """
            {"CustomerRef":{"value":"1"},"TxnDate":"2015-06-10","Line":[
              {"DetailType":"SalesItemLineDetail","Amount":40,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}},
              {"DetailType":"DiscountLineDetail","DiscountLineDetail":{"PercentBased":true,"DiscountPercent":10}}]}
            """);
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-07-10", 7m));

        var june = await LedgerAsync(sandbox, token, "?start_date=2015-06-01&end_date=2015-06-30");

        Assert.Null(june["Header"]!["DateMacro"]);
        Assert.Equal("2015-06-01", june["Header"]!["StartPeriod"]!.GetValue<string>());
        Assert.Equal("2015-06-30", june["Header"]!["EndPeriod"]!.GetValue<string>());

        // A/R carries everything before June; Services only this fiscal year's (not December 2014's 30).
        var receivable = Values(Section(june, "Accounts Receivable (A/R)"));
        Assert.Equal("130.00", receivable[0][7]);
        Assert.Equal(["36.00", "166.00"], receivable[1][6..]);
        var services = Values(Section(june, "Services"));
        Assert.Equal("100.00", services[0][7]);
        Assert.Equal(["40.00", "140.00"], services[1][6..]);

        // The discount is negative income.
        var discounts = Section(june, "Discounts given");
        Assert.Equal(["-4.00", "-4.00"], Values(discounts)[1][6..]);
        Assert.Equal("-4.00", SummaryValues(discounts)[6]);
    }

    [Fact]
    public async Task GeneralLedger_AccountTypeAndColumns_AsAsked()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = (await sandbox.CreateAsync(token, "Invoice", TwoLineSale))["Id"]!.GetValue<string>();
        await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(50m, ("Invoice", invoice, 50m)));

        var receivables = await LedgerAsync(sandbox, token, "?source_account_type=AccountsReceivable&columns=tx_date,account_name,debt_amt,credit_amt,rbal_nat_amount");
        var income = await LedgerAsync(sandbox, token, "?account=1,2");

        var section = Sections(receivables).Single()!.AsObject();
        Assert.Equal(["tx_date", "account_name", "debt_amt", "credit_amt", "rbal_nat_amount"],
            receivables["Columns"]!["Column"]!.AsArray().Select(c => c!["MetaData"]![0]!["Value"]!.GetValue<string>()));
        Assert.Equal(
            [
                ["Beginning Balance", "", "", "", "0.00"],
                ["2015-07-01", "Accounts Receivable (A/R)", "140.00", "", "140.00"],
                ["2015-07-24", "Accounts Receivable (A/R)", "", "50.00", "90.00"],
            ],
            Values(section));
        Assert.Equal(["Total for Accounts Receivable (A/R)", "", "140.00", "50.00", ""], SummaryValues(section));
        Assert.Equal(["Sales of Product Income", "Services"], Sections(income).Select(s => s!["Header"]!["ColData"]![0]!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GeneralLedger_PostingsOfOneDay_InTheOrderTheirDocumentsWereEntered()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = (await sandbox.CreateAsync(token, "Invoice", Bookkeeping.InvoiceOn("2015-07-01", 100m)))["Id"]!.GetValue<string>();
        sandbox.Time.Advance(TimeSpan.FromMinutes(1));
        await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(100m, ("Invoice", invoice, 100m)).Replace("\"TotalAmt\"", "\"TxnDate\":\"2015-07-01\",\"TotalAmt\"", StringComparison.Ordinal));
        sandbox.Time.Advance(TimeSpan.FromMinutes(1));
        await sandbox.CreateAsync(token, "RefundReceipt", """
            {"CustomerRef":{"value":"1"},"TxnDate":"2015-07-01","DepositToAccountRef":{"value":"4"},
             "Line":[{"DetailType":"SalesItemLineDetail","Amount":30,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}
            """);

        var report = await LedgerAsync(sandbox, token);

        // The payment came in before the refund went out of it: the balance never reads negative.
        var funds = Values(Section(report, "Undeposited Funds"));
        Assert.Equal(["Payment", "Refund"], funds.Skip(1).Select(r => r[1]));
        Assert.Equal(["100.00", "70.00"], funds.Skip(1).Select(r => r[7]));
    }

    [Fact]
    public async Task GeneralLedger_NoTransactions_NoReportData()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        var report = await LedgerAsync(sandbox, token);

        Assert.Equal("true", report["Header"]!["Option"]![0]!["Value"]!.GetValue<string>());
        Assert.Null(report["Rows"]!["Row"]);
    }

    [Theory]
    [InlineData("?customer=1", "500")]
    [InlineData("?source_account=3", "500")]
    [InlineData("?sort_order=descend", "500")]
    [InlineData("?sort_by=doc_num", "500")]
    [InlineData("?columns=tx_date,klass_name", "500")]
    [InlineData("?accounting_method=Cash", "500")]
    [InlineData("?end_date=2015-02-30", "2010")]
    public async Task GeneralLedger_UnsupportedOrInvalidParameters_Refused(string query, string code)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(token, "reports/GeneralLedger" + query);

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, code);
    }
}
