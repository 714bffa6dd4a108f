using System.Net;
using System.Text.Json.Nodes;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Reports;

/// <summary>
/// GET reports/CustomerBalance and reports/AgedReceivables in the shapes of Intuit's samples: what each customer owes
/// on the report date, in total and by how long it is past due, adding up to Accounts Receivable.
/// </summary>
public sealed class ReceivablesReportTests
{
    // The sandbox's today is 2015-07-24 (TestSandbox.Start). Demo customers: 1 Amy's Bird Sanctuary, 2 Bill's Windsurf
    // Shop, 3 Cool Cars.
    private static string Sale(string customer, decimal amount, string date, string? due = null) =>
        "{\"CustomerRef\":{\"value\":\"" + customer + "\"},\"TxnDate\":\"" + date + "\"" + (due is null ? "" : ",\"DueDate\":\"" + due + "\"") +
        ",\"Line\":[{\"DetailType\":\"SalesItemLineDetail\",\"Amount\":" + Bookkeeping.Text(amount) + ",\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"1\"}}}]}";

    private static string Payment(string customer, decimal total, string date, string? invoice = null, decimal applied = 0m) =>
        "{\"CustomerRef\":{\"value\":\"" + customer + "\"},\"TotalAmt\":" + Bookkeeping.Text(total) + ",\"TxnDate\":\"" + date + "\",\"Line\":[" +
        (invoice is null ? "" : "{\"Amount\":" + Bookkeeping.Text(applied) + ",\"LinkedTxn\":[{\"TxnId\":\"" + invoice + "\",\"TxnType\":\"Invoice\"}]}") + "]}";

    private static async Task<JsonObject> ReportAsync(TestSandbox sandbox, string token, string name, string query = "")
    {
        using var response = await sandbox.GetAsync(token, "reports/" + name + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Each data row's name and cells after it; the GrandTotal's cells under "TOTAL".</summary>
    private static Dictionary<string, string[]> Rows(JsonObject report) =>
        (report["Rows"]!["Row"]?.AsArray() ?? []).OfType<JsonObject>().ToDictionary(
            r => (r["ColData"] ?? r["Summary"]!["ColData"])![0]!["value"]!.GetValue<string>(),
            r => (r["ColData"] ?? r["Summary"]!["ColData"])!.AsArray().Skip(1).Select(c => c!["value"]!.GetValue<string>()).ToArray());

    private static string Option(JsonObject report, string name) =>
        report["Header"]!["Option"]!.AsArray().Single(o => o!["Name"]!.GetValue<string>() == name)!["Value"]!.GetValue<string>();

    [Fact]
    public async Task CustomerBalance_InvoicesLessPaymentsAndCredits_AddUpToReceivables()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var amy = (await sandbox.CreateAsync(token, "Invoice", Sale("1", 100m, "2015-07-01")))["Id"]!.GetValue<string>();
        await sandbox.CreateAsync(token, "Payment", Payment("1", 30m, "2015-07-10", amy, 30m));
        await sandbox.CreateAsync(token, "Invoice", Sale("2", 50m, "2015-07-02"));
        await sandbox.CreateAsync(token, "CreditMemo", Sale("2", 20m, "2015-07-03"));
        await sandbox.CreateAsync(token, "Payment", Payment("2", 5m, "2015-07-04"));
        var paid = (await sandbox.CreateAsync(token, "Invoice", Sale("3", 40m, "2015-07-05")))["Id"]!.GetValue<string>();
        await sandbox.CreateAsync(token, "Payment", Payment("3", 40m, "2015-07-06", paid, 40m));

        var report = await ReportAsync(sandbox, token, "CustomerBalance");
        var balanceSheet = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, "BalanceSheet");

        var header = report["Header"]!;
        Assert.Equal("CustomerBalance", header["ReportName"]!.GetValue<string>());
        Assert.Equal("all", header["DateMacro"]!.GetValue<string>());
        Assert.Equal("USD", header["Currency"]!.GetValue<string>());
        Assert.Equal("2015-07-24", Option(report, "report_date"));
        Assert.Equal("false", Option(report, "NoReportData"));
        Assert.Equal(["Customer", "Money"], report["Columns"]!["Column"]!.AsArray().Select(c => c!["ColType"]!.GetValue<string>()));
        var rows = report["Rows"]!["Row"]!.AsArray();
        Assert.Equal("1", rows[0]!["ColData"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("GrandTotal", rows[^1]!["group"]!.GetValue<string>());

        // Amy owes 70 of her 100; Bill 50 less a 20 credit and 5 paid on account; Cool Cars paid in full and is not listed.
        Assert.Equal(
            new Dictionary<string, string[]> { ["Amy's Bird Sanctuary"] = ["70.00"], ["Bill's Windsurf Shop"] = ["25.00"], ["TOTAL"] = ["95.00"] },
            Rows(report));
        Assert.Equal("95.00", Bookkeeping.Value(balanceSheet, "Accounts Receivable (A/R)"));
    }

    [Fact]
    public async Task CustomerBalance_ForeignCurrencyPartlyPaidAtAnotherRate_IsTheHomeReceivable()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"US","multiCurrencyEnabled":true}""");
        var customer = (await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"Euro GmbH","CurrencyRef":{"value":"EUR"}}""", realm))["Id"]!.GetValue<string>();
        var invoice = (await sandbox.CreateAsync(token, "Invoice", $$"""
            {"CustomerRef":{"value":"{{customer}}"},"ExchangeRate":1.1,"TxnDate":"2015-07-01",
             "Line":[{"DetailType":"SalesItemLineDetail","Amount":100.05,"SalesItemLineDetail":{"ItemRef":{"value":"1"} } }]}
            """, realm))["Id"]!.GetValue<string>();
        await sandbox.CreateAsync(token, "Payment", $$"""
            {"CustomerRef":{"value":"{{customer}}"},"TotalAmt":60,"ExchangeRate":1.2,"TxnDate":"2015-07-02",
             "Line":[{"Amount":60,"LinkedTxn":[{"TxnId":"{{invoice}}","TxnType":"Invoice"}]}]}
            """, realm);

        using var response = await sandbox.GetAsync(token, "reports/CustomerBalance", realm);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var balanceSheet = await Bookkeeping.StatementAsync(sandbox, token, realm, "BalanceSheet");

        // 110.06 USD booked (100.05 × 1.1); the 60 EUR paid relieves 66.00 at the invoice's rate, whatever it was paid at.
        Assert.Equal(new Dictionary<string, string[]> { ["Euro GmbH"] = ["44.06"], ["TOTAL"] = ["44.06"] }, Rows(report));
        Assert.Equal("44.06", Bookkeeping.Value(balanceSheet, "Accounts Receivable (A/R)"));
    }

    [Fact]
    public async Task CustomerBalance_OnAnEarlierDate_LeavesOutLaterPaymentsAndFiltersByCustomer()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var amy = (await sandbox.CreateAsync(token, "Invoice", Sale("1", 100m, "2015-06-01")))["Id"]!.GetValue<string>();
        await sandbox.CreateAsync(token, "Payment", Payment("1", 100m, "2015-07-01", amy, 100m));
        await sandbox.CreateAsync(token, "Invoice", Sale("2", 60m, "2015-06-20"));
        await sandbox.CreateAsync(token, "Invoice", Sale("2", 10m, "2015-07-20"));

        var june = await ReportAsync(sandbox, token, "CustomerBalance", "?report_date=2015-06-30");
        var lastMonth = await ReportAsync(sandbox, token, "CustomerBalance", "?date_macro=Last%20Month&customer=2");
        var today = await ReportAsync(sandbox, token, "CustomerBalance", "?customer=1");

        Assert.Equal(
            new Dictionary<string, string[]> { ["Amy's Bird Sanctuary"] = ["100.00"], ["Bill's Windsurf Shop"] = ["60.00"], ["TOTAL"] = ["160.00"] },
            Rows(june));
        Assert.Equal("2015-06-30", Option(june, "report_date"));
        Assert.Null(june["Header"]!["DateMacro"]);
        Assert.Equal(new Dictionary<string, string[]> { ["Bill's Windsurf Shop"] = ["60.00"], ["TOTAL"] = ["60.00"] }, Rows(lastMonth));
        Assert.Equal("2", lastMonth["Header"]!["Customer"]!.GetValue<string>());
        Assert.Equal("last month", lastMonth["Header"]!["DateMacro"]!.GetValue<string>());
        Assert.Equal("2015-06-30", Option(lastMonth, "report_date"));

        // Amy has paid by today: nothing to report for her.
        Assert.Equal("true", Option(today, "NoReportData"));
        Assert.Empty(Rows(today));
    }

    /// <summary>A sandbox whose open items fall one in each aging period on 2015-07-24, with a credit among them.</summary>
    private static async Task<TestSandbox> OpenItemsAsync()
    {
        var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Invoice", Sale("1", 100m, "2015-07-20"));                  // due 2015-08-19: current
        await sandbox.CreateAsync(token, "Invoice", Sale("1", 40m, "2015-06-01", due: "2015-07-14")); // 10 days past due
        var late = (await sandbox.CreateAsync(token, "Invoice", Sale("2", 80m, "2015-04-01")))["Id"]!.GetValue<string>(); // due 2015-05-01: 84 days
        await sandbox.CreateAsync(token, "Payment", Payment("2", 30m, "2015-07-01", late, 30m));
        await sandbox.CreateAsync(token, "Invoice", Sale("2", 25m, "2015-01-05", due: "2015-01-05"));  // 200 days past due
        await sandbox.CreateAsync(token, "CreditMemo", Sale("3", 15m, "2015-06-10"));                  // a credit 44 days old
        return sandbox;
    }

    [Fact]
    public async Task AgedReceivables_OpenItemsByDaysPastDue()
    {
        await using var sandbox = await OpenItemsAsync();
        var token = await sandbox.ConnectAsync();

        var report = await ReportAsync(sandbox, token, "AgedReceivables");

        var header = report["Header"]!;
        Assert.Equal("AgedReceivables", header["ReportName"]!.GetValue<string>());
        Assert.Equal("today", header["DateMacro"]!.GetValue<string>());
        Assert.Equal("2015-07-24", header["StartPeriod"]!.GetValue<string>());
        Assert.Equal("2015-07-24", header["EndPeriod"]!.GetValue<string>());
        Assert.Equal("2015-07-24", Option(report, "report_date"));
        Assert.Equal(
            ["", "Current", "1 - 30", "31 - 60", "61 - 90", "91 and over", "Total"],
            report["Columns"]!["Column"]!.AsArray().Select(c => c!["ColTitle"]!.GetValue<string>()));
        Assert.Equal(
            new Dictionary<string, string[]>
            {
                ["Amy's Bird Sanctuary"] = ["100.00", "40.00", "", "", "", "140.00"],
                ["Bill's Windsurf Shop"] = ["", "", "", "50.00", "25.00", "75.00"],
                ["Cool Cars"] = ["", "", "-15.00", "", "", "-15.00"],
                ["TOTAL"] = ["100.00", "40.00", "-15.00", "50.00", "25.00", "200.00"],
            },
            Rows(report));
    }

    [Fact]
    public async Task AgedReceivables_OnAnEarlierDate_AgesToItUnlessAgedToToday()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        // Due 2015-05-31: 15 days past due on 2015-06-15, 30 on 2015-06-30 and 54 today. The later invoice is not yet there in June.
        await sandbox.CreateAsync(token, "Invoice", Sale("1", 100m, "2015-05-01", due: "2015-05-31"));
        await sandbox.CreateAsync(token, "Invoice", Sale("1", 7m, "2015-07-01"));

        var june = await ReportAsync(sandbox, token, "AgedReceivables", "?report_date=2015-06-15");
        var agedToday = await ReportAsync(sandbox, token, "AgedReceivables", "?report_date=2015-06-15&aging_method=Current");
        var lastQuarter = await ReportAsync(sandbox, token, "AgedReceivables", "?date_macro=Last%20Fiscal%20Quarter");

        Assert.Equal(["", "100.00", "", "", "", "100.00"], Rows(june)["Amy's Bird Sanctuary"]);
        Assert.Equal(["", "", "100.00", "", "", "100.00"], Rows(agedToday)["Amy's Bird Sanctuary"]);
        Assert.Equal("2015-04-01", lastQuarter["Header"]!["StartPeriod"]!.GetValue<string>());
        Assert.Equal("2015-06-30", lastQuarter["Header"]!["EndPeriod"]!.GetValue<string>());
        Assert.Equal("2015-06-30", Option(lastQuarter, "report_date"));
        Assert.Equal(["", "100.00", "", "", "", "100.00"], Rows(lastQuarter)["Amy's Bird Sanctuary"]);
    }

    [Fact]
    public async Task AgedReceivables_SortedDescending_ReversesTheCustomers()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        await sandbox.CreateAsync(token, "Invoice", Sale("1", 10m, "2015-07-20"));
        await sandbox.CreateAsync(token, "Invoice", Sale("3", 20m, "2015-07-20"));

        var report = await ReportAsync(sandbox, token, "AgedReceivables", "?sort_order=descend");

        Assert.Equal(["Cool Cars", "Amy's Bird Sanctuary", "TOTAL"], Rows(report).Keys);
    }

    /// <summary>Each section's title and the values of its rows; the GrandTotal's under "TOTAL".</summary>
    private static List<(string Title, string[][] Rows, string[] Total)> Sections(JsonObject report) =>
        [.. report["Rows"]!["Row"]!.AsArray().OfType<JsonObject>().Select(section => (
            Title: (section["Header"]?["ColData"] ?? section["Summary"]!["ColData"])![0]!["value"]!.GetValue<string>(),
            Rows: (section["Rows"]?["Row"]?.AsArray() ?? []).Select(r => r!["ColData"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()).ToArray()).ToArray(),
            Total: section["Summary"]!["ColData"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()).ToArray()))];

    [Fact]
    public async Task AgedReceivableDetail_EachOpenDocumentInItsPeriod_MostOverdueFirst()
    {
        await using var sandbox = await OpenItemsAsync();
        var token = await sandbox.ConnectAsync();

        var report = await ReportAsync(sandbox, token, "AgedReceivableDetail");

        Assert.Equal("AgedReceivableDetail", report["Header"]!["ReportName"]!.GetValue<string>());
        Assert.Equal("2015-07-24", report["Header"]!["EndPeriod"]!.GetValue<string>());
        Assert.Equal("2015-07-24", Option(report, "report_date"));
        Assert.Equal(
            ["tx_date", "txn_type", "doc_num", "cust_name", "due_date", "subt_amount", "subt_open_bal"],
            report["Columns"]!["Column"]!.AsArray().Select(c => c!["ColType"]!.GetValue<string>()));
        var sections = Sections(report);
        Assert.Equal(
            ["91 or more days past due", "61 - 90 days past due", "31 - 60 days past due", "1 - 30 days past due", "Current", "TOTAL"],
            sections.Select(s => s.Title));
        var partlyPaid = Assert.Single(sections[1].Rows);
        Assert.Equal(["2015-04-01", "Invoice", "1003", "Bill's Windsurf Shop", "2015-05-01", "80.00", "50.00"], partlyPaid);
        Assert.Equal(["Total for 61 - 90 days past due", "", "", "", "", "80.00", "50.00"], sections[1].Total);
        Assert.Equal(["2015-06-10", "Credit Memo", "1001", "Cool Cars", "2015-06-10", "-15.00", "-15.00"], Assert.Single(sections[2].Rows));
        Assert.Equal(["TOTAL", "", "", "", "", "230.00", "200.00"], sections[^1].Total);
        var typeCell = report["Rows"]!["Row"]![1]!["Rows"]!["Row"]![0]!["ColData"]![1]!;
        Assert.NotNull(typeCell["id"]);
    }

    [Fact]
    public async Task AgedReceivableDetail_ColumnsPeriodsAndFilters_AsAsked()
    {
        await using var sandbox = await OpenItemsAsync();
        var token = await sandbox.ConnectAsync();

        var named = await ReportAsync(sandbox, token, "AgedReceivableDetail", "?columns=cust_name,due_date,past_due&past_due=31");
        var fortnights = await ReportAsync(sandbox, token, "AgedReceivableDetail", "?aging_period=15&num_periods=3&start_duedate=2015-06-01&end_duedate=2015-12-31");
        var noneNamed = await ReportAsync(sandbox, token, "AgedReceivableDetail", "?columns=%20,");

        Assert.Equal(["Customer", "Due Date", "Past Due"], named["Columns"]!["Column"]!.AsArray().Select(c => c!["ColTitle"]!.GetValue<string>()));
        Assert.Equal(
            [["Bill's Windsurf Shop", "2015-01-05", "200"], ["Bill's Windsurf Shop", "2015-05-01", "84"], ["Cool Cars", "2015-06-10", "44"]],
            Sections(named).SelectMany(s => s.Rows));
        Assert.Equal(["31 or more days past due", "1 - 15 days past due", "Current", "TOTAL"], Sections(fortnights).Select(s => s.Title));
        Assert.Equal("-15.00", Sections(fortnights)[0].Total[^1]);
        Assert.Equal(7, noneNamed["Columns"]!["Column"]!.AsArray().Count);
    }

    [Fact]
    public async Task CustomerBalanceDetail_EachCustomersOpenDocuments_RunToWhatTheyOwe()
    {
        await using var sandbox = await OpenItemsAsync();
        var token = await sandbox.ConnectAsync();

        var report = await ReportAsync(sandbox, token, "CustomerBalanceDetail");
        var balanceSheet = await Bookkeeping.StatementAsync(sandbox, token, TestSandbox.DemoRealm, "BalanceSheet");

        Assert.Equal("CustomerBalanceDetail", report["Header"]!["ReportName"]!.GetValue<string>());
        Assert.Equal("all", report["Header"]!["DateMacro"]!.GetValue<string>());
        Assert.Equal("2015-07-24", Option(report, "report_date"));
        Assert.Equal(
            ["tx_date", "txn_type", "doc_num", "due_date", "subt_nat_amount", "rbal_nat_amount"],
            report["Columns"]!["Column"]!.AsArray().Select(c => c!["ColType"]!.GetValue<string>()));
        var sections = Sections(report);
        Assert.Equal(["Amy's Bird Sanctuary", "Bill's Windsurf Shop", "Cool Cars", "TOTAL"], sections.Select(s => s.Title));
        Assert.Equal("1", report["Rows"]!["Row"]![0]!["Header"]!["ColData"]![0]!["id"]!.GetValue<string>());
        // By date, each row's amount and the customer's balance so far: Bill's older invoice, then the one he paid 30 of.
        Assert.Equal(
            [["2015-01-05", "Invoice", "1004", "2015-01-05", "25.00", "25.00"], ["2015-04-01", "Invoice", "1003", "2015-05-01", "80.00", "75.00"]],
            sections[1].Rows);
        Assert.Equal(["Total for Bill's Windsurf Shop", "", "", "", "105.00", "75.00"], sections[1].Total);
        Assert.Equal(["Total for Amy's Bird Sanctuary", "", "", "", "140.00", "140.00"], sections[0].Total);
        Assert.Equal([["2015-06-10", "Credit Memo", "1001", "2015-06-10", "-15.00", "-15.00"]], sections[2].Rows);
        Assert.Equal(["TOTAL", "", "", "", "230.00", "200.00"], sections[^1].Total);
        Assert.Equal("200.00", Bookkeeping.Value(balanceSheet, "Accounts Receivable (A/R)"));
    }

    [Fact]
    public async Task CustomerBalanceDetail_ColumnsCustomersAndDueDates_AsAsked()
    {
        await using var sandbox = await OpenItemsAsync();
        var token = await sandbox.ConnectAsync();

        var bills = await ReportAsync(sandbox, token, "CustomerBalanceDetail", "?customer=2&columns=doc_num,rbal_nat_amount");
        var dueLater = await ReportAsync(sandbox, token, "CustomerBalanceDetail", "?start_duedate=2015-06-01&sort_order=descend");
        var earlier = await ReportAsync(sandbox, token, "CustomerBalanceDetail", "?report_date=2015-06-30");

        Assert.Equal(["No.", "Balance"], bills["Columns"]!["Column"]!.AsArray().Select(c => c!["ColTitle"]!.GetValue<string>()));
        Assert.Equal("2", bills["Header"]!["Customer"]!.GetValue<string>());
        Assert.Equal([["1004", "25.00"], ["1003", "75.00"]], Sections(bills)[0].Rows);
        Assert.Equal(["Cool Cars", "Amy's Bird Sanctuary", "TOTAL"], Sections(dueLater).Select(s => s.Title));
        Assert.Equal(["TOTAL", "", "", "", "125.00", "125.00"], Sections(dueLater)[^1].Total);
        // Before Bill paid 30 and before Amy's July invoice: 25 + 80 + 40 - 15.
        Assert.Equal(["TOTAL", "", "", "", "130.00", "130.00"], Sections(earlier)[^1].Total);
    }

    [Theory]
    [InlineData("CustomerBalance?department=1", "500")]
    [InlineData("CustomerBalance?arpaid=Unpaid", "500")]
    [InlineData("AgedReceivables?accounting_method=Cash", "500")]
    [InlineData("AgedReceivables?qzurl=true", "500")]
    [InlineData("AgedReceivables?aging_method=Due_Date", "2010")]
    [InlineData("CustomerBalance?sort_order=sideways", "2010")]
    [InlineData("CustomerBalance?report_date=24/07/2015", "2010")]
    [InlineData("AgedReceivableDetail?columns=bill_addr", "500")]
    [InlineData("AgedReceivableDetail?shipvia=UPS", "500")]
    [InlineData("AgedReceivableDetail?past_due=soon", "2010")]
    [InlineData("AgedReceivableDetail?aging_period=0", "2010")]
    [InlineData("CustomerBalanceDetail?columns=cust_name", "500")]
    [InlineData("CustomerBalanceDetail?term=3", "500")]
    [InlineData("CustomerBalanceDetail?arpaid=Paid", "500")]
    public async Task ReceivablesReports_WhatTheSandboxCannotApply_IsRefused(string path, string code)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(token, "reports/" + path);

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, code);
    }
}
