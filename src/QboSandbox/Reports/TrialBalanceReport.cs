using System.Text.Json.Nodes;
using QboSandbox.Ledger;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// GET reports/TrialBalance, shaped as Intuit's TrialBalance sample (reproduced in the tests of public report parsers;
/// node-quickbooks' reportTrialBalance fetches the same path): three columns (Account, Debit, Credit); one row per
/// account with a non-zero
/// balance, ColData [{id, value: name}, {value: debit or ""}, {value: credit or ""}]; then a Section row, group
/// "GrandTotal", whose Summary reads TOTAL and the two column totals.
/// Balance sheet accounts show their balance at end of period; income and expense accounts their activity within
/// the period, and income and expense before the period show as Retained Earnings (the company's RetainedEarnings
/// account when it has one, else a row without id), so debits always equal credits. Call under the gate.
/// </summary>
internal static class TrialBalanceReport
{
    public const string Name = "TrialBalance";

    public static JsonObject Build(Company company, ReportRequest request, DateOnly today, DateTimeOffset now)
    {
        var entries = GeneralLedger.Entries(company);
        var (start, end) = request.Period(entries, today);
        var toEnd = AccountBalances.Net(entries, to: end);
        var inPeriod = AccountBalances.Net(entries, start, end);
        var beforePeriod = AccountBalances.Net(entries, to: start.AddDays(-1));

        var accounts = AccountBalances.Accounts(company);
        var retained = accounts.Where(AccountBalances.IsProfitAndLoss).Sum(a => beforePeriod.GetValueOrDefault(Documents.Id(a)));
        var retainedAccount = RetainedEarnings.AccountOf(accounts);

        var rows = new JsonArray();
        decimal debits = 0;
        decimal credits = 0;
        void AddRow(string name, string? id, decimal balance)
        {
            if (balance == 0m)
            {
                return;
            }

            debits += Math.Max(balance, 0m);
            credits += Math.Max(-balance, 0m);
            rows.Add(new JsonObject
            {
                ["ColData"] = new JsonArray(
                    ReportJson.Cell(name, id),
                    ReportJson.Cell(ReportJson.Money(balance > 0 ? balance : null)),
                    ReportJson.Cell(ReportJson.Money(balance < 0 ? -balance : null))),
            });
        }

        var retainedShown = false;
        foreach (var account in AccountOrder.Sort(accounts))
        {
            var id = Documents.Id(account);
            var balance = AccountBalances.IsProfitAndLoss(account) ? inPeriod.GetValueOrDefault(id) : toEnd.GetValueOrDefault(id);
            if (account == retainedAccount)
            {
                balance += retained;
                retainedShown = true;
            }
            else if (!retainedShown && retainedAccount is null && AccountOrder.TypeRank(account["AccountType"]?.GetValue<string>()) > AccountOrder.TypeRank("Equity"))
            {
                AddRow(RetainedEarnings.Name, null, retained);
                retainedShown = true;
            }

            AddRow(AccountOrder.DisplayName(account), id, balance);
        }

        if (!retainedShown)
        {
            AddRow(RetainedEarnings.Name, null, retained);
        }

        var noData = rows.Count == 0;
        if (!noData)
        {
            rows.Add(ReportJson.Summary("GrandTotal", ReportJson.Cell("TOTAL"), ReportJson.Cell(ReportJson.Money(debits)), ReportJson.Cell(ReportJson.Money(credits))));
        }

        return new JsonObject
        {
            ["Header"] = ReportJson.Header(Name, request, start, end, company.Settings.HomeCurrency!, noData, now),
            ["Columns"] = new JsonObject
            {
                ["Column"] = new JsonArray(ReportJson.Column("Account", ""), ReportJson.Column("Money", "Debit"), ReportJson.Column("Money", "Credit")),
            },
            ["Rows"] = noData ? new JsonObject() : new JsonObject { ["Row"] = rows },
        };
    }
}
