using System.Text.Json.Nodes;
using QboSandbox.Ledger;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// GET reports/ProfitAndLoss, shaped as the example of Intuit's ProfitAndLoss reference (node-quickbooks'
/// reportProfitAndLoss and the .NET SDK's ReportService fetch the same path): columns account and Total; sections by
/// the groups of the US and GB locales, Income, COGS, GrossProfit, Expenses, NetOperatingIncome, OtherIncome,
/// OtherExpenses, NetOtherIncome and NetIncome, each account's activity within the period (income credit-positive,
/// costs and expenses debit-positive). Income and Expenses are always shown; COGS and the other income and expense
/// sections only with rows. A period without income or expense reads NoReportData true and has no rows, as the
/// sandbox's TrialBalance does. Call under the gate.
/// </summary>
internal static class ProfitAndLossReport
{
    public const string Name = "ProfitAndLoss";

    private static readonly StatementGroup Income = StatementGroup.OfAccounts("Income", "Income", "Income") with { Always = true };
    private static readonly StatementGroup Cogs = StatementGroup.OfAccounts("COGS", "Cost of Goods Sold", "Cost of Goods Sold");
    private static readonly StatementGroup Expenses = StatementGroup.OfAccounts("Expenses", "Expenses", "Expense") with { Always = true };
    private static readonly StatementGroup OtherIncome = StatementGroup.OfAccounts("OtherIncome", "Other Income", "Other Income");
    private static readonly StatementGroup OtherExpenses = StatementGroup.OfAccounts("OtherExpenses", "Other Expenses", "Other Expense");

    public static JsonObject Build(Company company, ReportRequest request, DateOnly today, DateTimeOffset now)
    {
        var entries = GeneralLedger.Entries(company);
        var (start, end) = request.Period(entries, today);
        var inPeriod = AccountBalances.Net(entries, start, end);
        var accounts = AccountBalances.Accounts(company).Where(AccountBalances.IsProfitAndLoss).ToList();
        decimal Debit(string id) => inPeriod.GetValueOrDefault(id);
        decimal Credit(string id) => -inPeriod.GetValueOrDefault(id);

        var noData = accounts.All(a => Debit(Documents.Id(a)) == 0m);
        var rows = new JsonArray();
        if (!noData)
        {
            var (income, incomeTotal) = Income.Build(accounts, Credit);
            var (cogs, cogsTotal) = Cogs.Build(accounts, Debit);
            var (expenses, expensesTotal) = Expenses.Build(accounts, Debit);
            var (otherIncome, otherIncomeTotal) = OtherIncome.Build(accounts, Credit);
            var (otherExpenses, otherExpensesTotal) = OtherExpenses.Build(accounts, Debit);
            var grossProfit = incomeTotal - cogsTotal;
            var operating = grossProfit - expensesTotal;
            var other = otherIncomeTotal - otherExpensesTotal;

            Add(rows, income);
            Add(rows, cogs);
            rows.Add(Total("GrossProfit", "Gross Profit", grossProfit));
            Add(rows, expenses);
            rows.Add(Total("NetOperatingIncome", "Net Operating Income", operating));
            Add(rows, otherIncome);
            Add(rows, otherExpenses);
            if (otherIncome is not null || otherExpenses is not null)
            {
                rows.Add(Total("NetOtherIncome", "Net Other Income", other));
            }

            rows.Add(Total("NetIncome", "Net Income", operating + other));
        }

        return new JsonObject
        {
            ["Header"] = ReportJson.Header(Name, request, start, end, company.Settings.HomeCurrency!, noData, now, statement: true),
            ["Columns"] = ReportJson.StatementColumns(),
            ["Rows"] = noData ? new JsonObject() : new JsonObject { ["Row"] = rows },
        };
    }

    private static void Add(JsonArray rows, JsonObject? section)
    {
        if (section is not null)
        {
            rows.Add(section);
        }
    }

    private static JsonObject Total(string group, string title, decimal amount) =>
        ReportJson.Summary(group, ReportJson.Cell(title), ReportJson.Cell(ReportJson.Money(amount)));
}
