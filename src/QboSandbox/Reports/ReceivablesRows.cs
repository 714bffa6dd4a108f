using System.Text.Json.Nodes;
using QboSandbox.Ledger;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// What the receivables reports (CustomerBalance, AgedReceivables and their details) share: the open items of the customers asked for, one group per customer
/// ordered by name (ascending unless sort_order=descend), and the header of Intuit's samples for both, which states
/// the report date as the report_date option rather than a ReportBasis.
/// </summary>
internal static class ReceivablesRows
{
    /// <summary>The customers' open items on the report date, each customer's with its id and display name.</summary>
    public static IEnumerable<(string Id, string Name, IReadOnlyList<OpenItem> Items)> ByCustomer(Company company, ReceivablesRequest request)
    {
        var groups = OpenReceivables.AsOf(company, request.ReportDate)
            .Where(i => request.Customers is null || request.Customers.Contains(i.CustomerId))
            .GroupBy(i => i.CustomerId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Name: CustomerName(company, g.Key), Items: (IReadOnlyList<OpenItem>)[.. g]));
        return request.Descending
            ? groups.OrderByDescending(g => g.Name, StringComparer.OrdinalIgnoreCase).ThenByDescending(g => g.Id, StringComparer.Ordinal)
            : groups.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Id, StringComparer.Ordinal);
    }

    /// <summary>The header, with the period's dates each report's sample shows (<see cref="PeriodShown"/>).</summary>
    public static JsonObject Header(string reportName, ReceivablesRequest request, PeriodShown period, string currency, bool noData, DateTimeOffset now)
    {
        var header = new JsonObject
        {
            ["Time"] = PacificTime.FormatMeta(now),
            ["ReportName"] = reportName,
        };
        if (request.DateMacro is not null)
        {
            header["DateMacro"] = request.DateMacro;
        }

        if (period == PeriodShown.StartAndEnd)
        {
            header["StartPeriod"] = PacificTime.FormatDate(request.Period.Start);
        }

        if (period != PeriodShown.None)
        {
            header["EndPeriod"] = PacificTime.FormatDate(request.Period.End);
        }

        header["Currency"] = currency;
        if (request.CustomerFilter is not null)
        {
            header["Customer"] = request.CustomerFilter;
        }

        header["Option"] = new JsonArray(
            new JsonObject { ["Name"] = "report_date", ["Value"] = PacificTime.FormatDate(request.ReportDate) },
            new JsonObject { ["Name"] = "NoReportData", ["Value"] = noData ? "true" : "false" });
        return header;
    }

    /// <summary>A customer's row: its name with its id, then one cell per amount (empty for none when <paramref name="blankZero"/>).</summary>
    public static JsonObject Row(string id, string name, IEnumerable<decimal> amounts, bool blankZero)
    {
        var cells = new JsonArray(ReportJson.Cell(name, id));
        foreach (var amount in amounts)
        {
            cells.Add(ReportJson.Cell(ReportJson.Money(blankZero && amount == 0m ? null : amount)));
        }

        return new JsonObject { ["ColData"] = cells };
    }

    public static JsonObject GrandTotal(IEnumerable<decimal> totals) =>
        ReportJson.Summary("GrandTotal", [ReportJson.Cell("TOTAL"), .. totals.Select(t => ReportJson.Cell(ReportJson.Money(t)))]);

    /// <summary>The customer's name as reports show it (its full name for a sub-customer), or its id when it is gone.</summary>
    public static string CustomerName(Company company, string customerId) =>
        company.Table(EntityNames.Customer).Find(customerId) is { } customer
            ? customer["FullyQualifiedName"]?.GetValue<string>() ?? customer["DisplayName"]?.GetValue<string>() ?? customerId
            : customerId;
}
