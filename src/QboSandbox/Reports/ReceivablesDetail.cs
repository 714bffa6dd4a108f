using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.Ledger;

namespace QboSandbox.Reports;

/// <summary>
/// What the receivables detail reports (AgedReceivableDetail, CustomerBalanceDetail) share: the filters their references
/// document that the sandbox does not emulate, the due-date filter, and the shape of their totals and whole answer.
/// </summary>
internal static class ReceivablesDetail
{
    private static readonly string[] Unemulated = ["shipvia", "term", "custom1", "custom2", "custom3"];

    /// <summary>Refuses shipvia, term and the custom fields: the sandbox's documents carry none of them to filter by.</summary>
    public static void RefuseUnemulatedFilters(IQueryCollection query)
    {
        if (Unemulated.FirstOrDefault(f => ReportRequest.Value(query, f) is not null) is { } filter)
        {
            throw QboException.UnsupportedOperation($"{filter}= is not emulated by the local sandbox");
        }
    }

    /// <summary>Whether the item is due within start_duedate and end_duedate (either may be absent).</summary>
    public static bool DueWithin(OpenItem item, DateOnly? fromDue, DateOnly? toDue) =>
        (fromDue is null || item.DueDate >= fromDue) && (toDue is null || item.DueDate <= toDue);

    /// <summary>
    /// A summary's cells: the title first, the documents' amounts under <paramref name="amountColumn"/> and what is open of
    /// them under <paramref name="openColumn"/>, empty cells elsewhere.
    /// </summary>
    public static IEnumerable<JsonObject> Totals(string[] columns, string title, IReadOnlyList<OpenItem> items, string amountColumn, string openColumn) =>
        columns.Select((column, i) => ReportJson.Cell(
            i == 0 ? title
            : column == amountColumn ? ReportJson.Money(items.Sum(x => x.Amount))
            : column == openColumn ? ReportJson.Money(items.Sum(x => x.Open))
            : ""));

    /// <summary>The report: its header, its columns (each titled), and its sections ending with the GrandTotal; none without data.</summary>
    public static JsonObject Report(JsonObject header, string[] columns, IReadOnlyDictionary<string, string> titles, JsonArray rows) => new()
    {
        ["Header"] = header,
        ["Columns"] = new JsonObject { ["Column"] = new JsonArray([.. columns.Select(c => (JsonNode)ReportJson.Column(c, titles[c]))]) },
        ["Rows"] = rows.Count == 0 ? new JsonObject() : new JsonObject { ["Row"] = rows },
    };
}
