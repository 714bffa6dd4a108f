using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.Ledger;

namespace QboSandbox.Reports;

/// <summary>
/// What the receivables detail reports (AgedReceivableDetail, CustomerBalanceDetail) share: their <c>columns</c>
/// parameter, the filters their references document that the sandbox does not emulate, the due-date filter, how they
/// name a transaction type, and the shape of their sections, totals and whole answer.
/// </summary>
internal static class ReceivablesDetail
{
    private static readonly string[] Unemulated = ["shipvia", "term", "custom1", "custom2", "custom3"];

    /// <summary>
    /// The columns asked for (comma-separated column names of Intuit's references), <paramref name="defaults"/> when none;
    /// a name the sandbox does not emulate is refused with the ones it has.
    /// </summary>
    public static string[] Columns(IQueryCollection query, IReadOnlyDictionary<string, string> titles, string[] defaults)
    {
        var names = ReportRequest.Value(query, "columns")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (names.Length == 0)
        {
            return defaults;
        }

        return names.FirstOrDefault(n => !titles.ContainsKey(n)) is { } unknown
            ? throw QboException.UnsupportedOperation($"columns={unknown} is not emulated by the local sandbox (it has {string.Join(", ", titles.Keys)})")
            : names;
    }

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

    /// <summary>A section: its header's cells, its data rows, and its summary's cells.</summary>
    public static JsonObject Section(JsonArray header, JsonArray rows, IEnumerable<JsonObject> summary) => new()
    {
        ["Header"] = new JsonObject { ["ColData"] = header },
        ["Rows"] = new JsonObject { ["Row"] = rows },
        ["Summary"] = new JsonObject { ["ColData"] = new JsonArray([.. summary.Cast<JsonNode>()]) },
        ["type"] = "Section",
    };

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
