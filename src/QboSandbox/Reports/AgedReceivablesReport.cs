using System.Text.Json.Nodes;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// GET reports/AgedReceivables, shaped as the sample of Intuit's ARAgingSummary reference (node-quickbooks'
/// reportAgedReceivables fetches the same path): columns Customer, Current, 1 - 30, 31 - 60, 61 - 90, 91 and over and
/// Total; one row per customer with anything open on the report date, each open item in the column of the days it is
/// past due (counted to the report date, or to today with aging_method=Current), an invoice from its DueDate (its date
/// when it has none) and a credit memo or unapplied payment from its own date, as neither has a due date; empty cells
/// where a customer has nothing, and a GrandTotal section reading TOTAL with every column's total ("0.00" for none),
/// as in the sample. The default period is today's, as QBO answers without a date_macro. Call under the gate.
/// </summary>
internal static class AgedReceivablesReport
{
    public const string Name = "AgedReceivables";

    private static readonly string[] Buckets = ["Current", .. AgingPeriods.Default.Ranges("and over")];

    public static JsonObject Build(Company company, ReceivablesRequest request, DateTimeOffset now)
    {
        var rows = new JsonArray();
        var totals = new decimal[Buckets.Length + 1];
        foreach (var (id, name, items) in ReceivablesRows.ByCustomer(company, request))
        {
            var amounts = new decimal[Buckets.Length + 1];
            foreach (var item in items)
            {
                amounts[AgingPeriods.Default.Index(request.AgedTo.DayNumber - item.DueDate.DayNumber)] += item.Open;
                amounts[^1] += item.Open;
            }

            rows.Add(ReceivablesRows.Row(id, name, amounts, blankZero: true));
            for (var i = 0; i < amounts.Length; i++)
            {
                totals[i] += amounts[i];
            }
        }

        var noData = rows.Count == 0;
        if (!noData)
        {
            rows.Add(ReceivablesRows.GrandTotal(totals));
        }

        var columns = new JsonArray(ReportJson.Column("Customer", ""));
        foreach (var title in Buckets.Append("Total"))
        {
            columns.Add(ReportJson.Column("Money", title));
        }

        return new JsonObject
        {
            ["Header"] = ReceivablesRows.Header(Name, request, PeriodShown.StartAndEnd, company.Settings.HomeCurrency!, noData, now),
            ["Columns"] = new JsonObject { ["Column"] = columns },
            ["Rows"] = noData ? new JsonObject() : new JsonObject { ["Row"] = rows },
        };
    }
}
