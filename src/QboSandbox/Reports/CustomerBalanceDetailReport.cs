using System.Text.Json.Nodes;
using QboSandbox.Ledger;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// GET reports/CustomerBalanceDetail, shaped as the sample of Intuit's CustomerBalanceDetail reference (node-quickbooks'
/// reportCustomerBalanceDetail fetches the same path): a section per customer with a balance on the report date, its
/// Header naming the customer (with its id), a Data row per open document by date and a Summary "Total for {customer}";
/// then GrandTotal "TOTAL". The columns are those <c>columns</c> names, by default the sample's: the document's date, type
/// (with its id), number and due date, its amount, and the customer's running balance, which ends at what the customer
/// owes (<see cref="OpenReceivables"/>, so the report adds up to Accounts Receivable as CustomerBalance does). The default
/// period is "all", as the sample's. Filters: start_duedate and end_duedate (due dates within); shipvia, term and custom
/// fields are refused. Call under the gate.
/// </summary>
internal static class CustomerBalanceDetailReport
{
    public const string Name = "CustomerBalanceDetail";

    private static readonly string[] DefaultColumns = ["tx_date", "txn_type", "doc_num", "due_date", "subt_nat_amount", "rbal_nat_amount"];

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["tx_date"] = "Date",
        ["txn_type"] = "Transaction Type",
        ["doc_num"] = "No.",
        ["due_date"] = "Due Date",
        ["memo"] = "Memo/Description",
        ["subt_nat_amount"] = "Amount",
        ["rbal_nat_amount"] = "Balance",
    };

    /// <summary>The parameters of this report beyond <see cref="ReceivablesRequest"/>'s, read before the company's gate is taken.</summary>
    public sealed record Options(string[] Columns, DateOnly? FromDue, DateOnly? ToDue)
    {
        public static Options Read(IQueryCollection query)
        {
            ReceivablesDetail.RefuseUnemulatedFilters(query);
            return new Options(ReportRequest.Columns(query, Titles, DefaultColumns), ReportRequest.Date(query, "start_duedate"), ReportRequest.Date(query, "end_duedate"));
        }
    }

    public static JsonObject Build(Company company, ReceivablesRequest request, Options options, DateTimeOffset now)
    {
        var (columns, fromDue, toDue) = options;
        var rows = new JsonArray();
        var all = new List<OpenItem>();
        foreach (var (id, name, open) in ReceivablesRows.ByCustomer(company, request))
        {
            var items = open.Where(i => ReceivablesDetail.DueWithin(i, fromDue, toDue))
                .OrderBy(i => i.TxnDate).ThenBy(i => i.TxnType, StringComparer.Ordinal).ThenBy(i => i.TxnId, StringComparer.Ordinal).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            var running = 0m;
            var data = new JsonArray();
            foreach (var item in items)
            {
                running += item.Open;
                data.Add(Row(columns, item, running));
            }

            rows.Add(ReportJson.DetailSection(new JsonArray(ReportJson.Cell(name, id)), data, Totals(columns, "Total for " + name, items)));
            all.AddRange(items);
        }

        var noData = rows.Count == 0;
        if (!noData)
        {
            rows.Add(ReportJson.Summary("GrandTotal", [.. Totals(columns, "TOTAL", all)]));
        }

        return ReceivablesDetail.Report(ReceivablesRows.Header(Name, request, PeriodShown.None, company.Settings.HomeCurrency!, noData, now), columns, Titles, rows);
    }

    private static JsonObject Row(string[] columns, OpenItem item, decimal running) => new()
    {
        ["ColData"] = new JsonArray([.. columns.Select(column => (JsonNode)(column switch
        {
            "tx_date" => ReportJson.Cell(PacificTime.FormatDate(item.TxnDate)),
            "txn_type" => ReportJson.Cell(ReportJson.TypeName(item.TxnType), item.TxnId),
            "doc_num" => ReportJson.Cell(item.DocNumber ?? ""),
            "due_date" => ReportJson.Cell(PacificTime.FormatDate(item.DueDate)),
            "memo" => ReportJson.Cell(item.Memo ?? ""),
            "subt_nat_amount" => ReportJson.Cell(ReportJson.Money(item.Amount)),
            _ => ReportJson.Cell(ReportJson.Money(running)),
        }))]),
        ["type"] = "Data",
    };

    private static IEnumerable<JsonObject> Totals(string[] columns, string title, IReadOnlyList<OpenItem> items) =>
        ReceivablesDetail.Totals(columns, title, items, "subt_nat_amount", "rbal_nat_amount");
}
