using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.Ledger;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// GET reports/AgedReceivableDetail, shaped as the sample of Intuit's ARAgingDetail reference (node-quickbooks'
/// reportAgedReceivableDetail fetches the same path): each document open on the report date, in a section per aging
/// period from the most overdue to Current ("91 or more days past due", …, "1 - 30 days past due", "Current"), each
/// section with a Header naming it, its Data rows by due date and a Summary "Total for {section}"; then GrandTotal
/// "TOTAL". The columns are those <c>columns</c> names (ColType the column's name, as in the sample), by default the
/// document's date, type (with its id), number, customer (with its id), due date, amount and open balance. Filters the
/// reference documents: start_duedate and end_duedate (due dates within), past_due (at least that many days past due),
/// num_periods and aging_period; shipvia, term and custom fields are refused. Call under the gate.
/// </summary>
internal static class AgedReceivableDetailReport
{
    public const string Name = "AgedReceivableDetail";

    private static readonly string[] DefaultColumns = ["tx_date", "txn_type", "doc_num", "cust_name", "due_date", "subt_amount", "subt_open_bal"];

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["tx_date"] = "Date",
        ["txn_type"] = "Transaction Type",
        ["doc_num"] = "Num",
        ["cust_name"] = "Customer",
        ["due_date"] = "Due Date",
        ["memo"] = "Memo/Description",
        ["past_due"] = "Past Due",
        ["subt_amount"] = "Amount",
        ["subt_open_bal"] = "Open Balance",
    };

    /// <summary>The parameters of this report beyond <see cref="ReceivablesRequest"/>'s, read before the company's gate is taken.</summary>
    public sealed record Options(string[] Columns, AgingPeriods Periods, DateOnly? FromDue, DateOnly? ToDue, int? PastDue)
    {
        public static Options Read(IQueryCollection query)
        {
            ReceivablesDetail.RefuseUnemulatedFilters(query);
            var pastDue = ReportRequest.Value(query, "past_due") is { } text
                ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) ? days
                    : throw QboException.InvalidProperty($"Property Name:past_due specified is unsupported or invalid: {text}")
                : (int?)null;
            return new Options(ReportRequest.Columns(query, Titles, DefaultColumns), AgingPeriods.Read(query), ReportRequest.Date(query, "start_duedate"), ReportRequest.Date(query, "end_duedate"), pastDue);
        }
    }

    public static JsonObject Build(Company company, ReceivablesRequest request, Options options, DateTimeOffset now)
    {
        var (columns, periods, fromDue, toDue, pastDue) = options;
        var items = ReceivablesRows.ByCustomer(company, request)
            .SelectMany(c => c.Items.Select(item => (c.Name, Item: item, Days: request.AgedTo.DayNumber - item.DueDate.DayNumber)))
            .Where(x => ReceivablesDetail.DueWithin(x.Item, fromDue, toDue) && (pastDue is null || x.Days >= pastDue))
            .ToList();

        var titles = new[] { "Current" }.Concat(periods.Ranges("or more").Select(r => r + " days past due")).ToArray();
        var rows = new JsonArray();
        for (var period = periods.Periods; period >= 0; period--)
        {
            var inPeriod = items.Where(x => periods.Index(x.Days) == period)
                .OrderBy(x => x.Item.DueDate).ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.Item.TxnDate).ToList();
            if (inPeriod.Count > 0)
            {
                var data = new JsonArray([.. inPeriod.Select(x => (JsonNode)Row(columns, x.Name, x.Item, x.Days))]);
                var header = new JsonArray([ReportJson.Cell(titles[period]), .. columns.Skip(1).Select(_ => (JsonNode)ReportJson.Cell(""))]);
                rows.Add(ReportJson.DetailSection(header, data, Totals(columns, "Total for " + titles[period], inPeriod.Select(x => x.Item).ToList())));
            }
        }

        var noData = rows.Count == 0;
        if (!noData)
        {
            rows.Add(ReportJson.Summary("GrandTotal", [.. Totals(columns, "TOTAL", items.Select(x => x.Item).ToList())]));
        }

        return ReceivablesDetail.Report(ReceivablesRows.Header(Name, request, PeriodShown.End, company.Settings.HomeCurrency!, noData, now),
            columns, Titles, rows);
    }

    private static JsonObject Row(string[] columns, string customer, OpenItem item, int daysPastDue) => new()
    {
        ["ColData"] = new JsonArray([.. columns.Select(column => (JsonNode)(column switch
        {
            "tx_date" => ReportJson.Cell(PacificTime.FormatDate(item.TxnDate)),
            "txn_type" => ReportJson.Cell(ReportJson.TypeName(item.TxnType), item.TxnId),
            "doc_num" => ReportJson.Cell(item.DocNumber ?? ""),
            "cust_name" => ReportJson.Cell(customer, item.CustomerId),
            "due_date" => ReportJson.Cell(PacificTime.FormatDate(item.DueDate)),
            "memo" => ReportJson.Cell(item.Memo ?? ""),
            "past_due" => ReportJson.Cell(Math.Max(daysPastDue, 0).ToString(CultureInfo.InvariantCulture)),
            "subt_amount" => ReportJson.Cell(ReportJson.Money(item.Amount)),
            _ => ReportJson.Cell(ReportJson.Money(item.Open)),
        }))]),
        ["type"] = "Data",
    };

    private static IEnumerable<JsonObject> Totals(string[] columns, string title, IReadOnlyList<OpenItem> items) =>
        ReceivablesDetail.Totals(columns, title, items, "subt_amount", "subt_open_bal");
}
