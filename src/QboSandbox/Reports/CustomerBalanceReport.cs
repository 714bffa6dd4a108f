using System.Text.Json.Nodes;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// GET reports/CustomerBalance, shaped as the sample of Intuit's CustomerBalance reference (node-quickbooks'
/// reportCustomerBalance fetches the same path): columns Customer and Total; one row per customer who owes or is owed
/// something on the report date, its id and name and its open balance in home currency (invoices less payments and
/// credits, <see cref="Ledger.OpenReceivables"/>), so the rows add up to Accounts Receivable on the balance sheet of
/// that date; then a GrandTotal section reading TOTAL. The default period is "all" (the sample's DateMacro) ending
/// today. No customer with a balance reads NoReportData true and has no rows. Call under the gate.
/// </summary>
internal static class CustomerBalanceReport
{
    public const string Name = "CustomerBalance";

    public static JsonObject Build(Company company, ReceivablesRequest request, DateTimeOffset now)
    {
        var rows = new JsonArray();
        decimal total = 0;
        foreach (var (id, name, items) in ReceivablesRows.ByCustomer(company, request))
        {
            var balance = items.Sum(i => i.Open);
            if (balance != 0m)
            {
                rows.Add(ReceivablesRows.Row(id, name, [balance], blankZero: false));
                total += balance;
            }
        }

        var noData = rows.Count == 0;
        if (!noData)
        {
            rows.Add(ReceivablesRows.GrandTotal([total]));
        }

        return new JsonObject
        {
            ["Header"] = ReceivablesRows.Header(Name, request, PeriodShown.None, company.Settings.HomeCurrency!, noData, now),
            ["Columns"] = new JsonObject { ["Column"] = new JsonArray(ReportJson.Column("Customer", ""), ReportJson.Column("Money", "Total")) },
            ["Rows"] = noData ? new JsonObject() : new JsonObject { ["Row"] = rows },
        };
    }
}
