using System.Text.Json.Nodes;
using QboSandbox.Ledger;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// GET reports/BalanceSheet, shaped as the example of Intuit's BalanceSheet reference (node-quickbooks'
/// reportBalanceSheet fetches the same path): columns account and Total; TotalAssets (CurrentAssets of BankAccounts,
/// AR and OtherCurrentAssets; FixedAssets; OtherAssets) and TotalLiabilitiesAndEquity (Liabilities of
/// CurrentLiabilities, of AP, CreditCards and OtherCurrentLiabilities, and LongTermLiabilities; Equity), balances at
/// the end of the period: assets debit-positive, liabilities and equity credit-positive, so the two totals are equal.
/// Equity ends, as in the sample, with Retained Earnings (the RetainedEarnings account, with the income and expense
/// of the fiscal years before the end date's) and a Net Income row (group NetIncome: the fiscal year to the end
/// date; the sandbox's fiscal year is the calendar year). Sections without rows are left out; nothing to show reads
/// NoReportData true without rows. Call under the gate.
/// </summary>
internal static class BalanceSheetReport
{
    public const string Name = "BalanceSheet";

    private static readonly StatementGroup Assets = StatementGroup.Of("TotalAssets", "ASSETS", "TOTAL ASSETS",
        StatementGroup.Of("CurrentAssets", "Current Assets", "Total Current Assets",
            StatementGroup.OfAccounts("BankAccounts", "Bank Accounts", "Bank"),
            StatementGroup.OfAccounts("AR", "Accounts Receivable", "Accounts Receivable"),
            StatementGroup.OfAccounts("OtherCurrentAssets", "Other current assets", "Other Current Asset")),
        StatementGroup.OfAccounts("FixedAssets", "Fixed Assets", "Fixed Asset"),
        StatementGroup.OfAccounts("OtherAssets", "Other Assets", "Other Asset")) with { Always = true };

    private static readonly StatementGroup Liabilities = StatementGroup.Of("Liabilities", "Liabilities", "Total Liabilities",
        StatementGroup.Of("CurrentLiabilities", "Current Liabilities", "Total Current Liabilities",
            StatementGroup.OfAccounts("AP", "Accounts Payable", "Accounts Payable"),
            StatementGroup.OfAccounts("CreditCards", "Credit Cards", "Credit Card"),
            StatementGroup.OfAccounts("OtherCurrentLiabilities", "Other Current Liabilities", "Other Current Liability")),
        StatementGroup.OfAccounts("LongTermLiabilities", "Long-Term Liabilities", "Long Term Liability"));

    public static JsonObject Build(Company company, ReportRequest request, DateOnly today, DateTimeOffset now)
    {
        var entries = GeneralLedger.Entries(company);
        var (start, end) = request.Period(entries, today);
        var yearStart = new DateOnly(end.Year, 1, 1);
        var atEnd = AccountBalances.Net(entries, to: end);
        var beforeYear = AccountBalances.Net(entries, to: yearStart.AddDays(-1));
        var inYear = AccountBalances.Net(entries, yearStart, end);

        var accounts = AccountBalances.Accounts(company);
        var profitAndLoss = accounts.Where(AccountBalances.IsProfitAndLoss).Select(Documents.Id).ToList();
        var earlierYears = -profitAndLoss.Sum(beforeYear.GetValueOrDefault);
        var netIncome = -profitAndLoss.Sum(inYear.GetValueOrDefault);
        var retainedAccount = RetainedEarnings.AccountOf(accounts);
        var balanceSheet = accounts.Where(a => !AccountBalances.IsProfitAndLoss(a)).ToList();

        decimal Debit(string id) => atEnd.GetValueOrDefault(id);
        decimal Credit(string id) => -atEnd.GetValueOrDefault(id) + (retainedAccount is not null && id == Documents.Id(retainedAccount) ? earlierYears : 0m);

        var (assets, _) = Assets.Build(balanceSheet, Debit);
        var (liabilities, liabilitiesTotal) = Liabilities.Build(balanceSheet, Credit);
        var equityAccounts = balanceSheet.Where(a => a["AccountType"]?.GetValue<string>() == "Equity").ToList();
        var (equityRows, equityTotal) = AccountRows.Build(equityAccounts, Credit);
        if (retainedAccount is null && earlierYears != 0m)
        {
            equityRows.Add(ReportJson.DataRow(RetainedEarnings.Name, null, earlierYears));
            equityTotal += earlierYears;
        }

        if (netIncome != 0m)
        {
            var row = ReportJson.DataRow("Net Income", null, netIncome);
            row["group"] = "NetIncome";
            equityRows.Add(row);
            equityTotal += netIncome;
        }

        var noData = balanceSheet.All(a => Debit(Documents.Id(a)) == 0m) && earlierYears == 0m && netIncome == 0m;
        var rows = new JsonArray();
        if (!noData)
        {
            var sides = new JsonArray();
            if (liabilities is not null)
            {
                sides.Add(liabilities);
            }

            if (equityRows.Count > 0)
            {
                sides.Add(ReportJson.Section("Equity", "Equity", null, equityRows, "Total Equity", equityTotal));
            }

            rows.Add(assets!);
            rows.Add(ReportJson.Section("TotalLiabilitiesAndEquity", "LIABILITIES AND EQUITY", null, sides,
                "TOTAL LIABILITIES AND EQUITY", liabilitiesTotal + equityTotal));
        }

        return new JsonObject
        {
            ["Header"] = ReportJson.Header(Name, request, start, end, company.Settings.HomeCurrency!, noData, now, statement: true),
            ["Columns"] = ReportJson.StatementColumns(),
            ["Rows"] = noData ? new JsonObject() : new JsonObject { ["Row"] = rows },
        };
    }
}
