using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Books;

/// <summary>
/// A QuickBooks report laid out as one table. Intuit's Reports API answers every report in one shape: <c>Columns.Column</c>
/// (ColTitle, ColType) and <c>Rows.Row</c>, where a row is data (<c>ColData</c>) or a section (a <c>Header</c>, its own
/// <c>Rows</c> and a <c>Summary</c>), nested to any depth
/// (https://developer.intuit.com/app/developer/qbo/docs/workflows/run-reports). So one reader serves the trial balance,
/// the profit and loss, the balance sheet and the general ledger alike: sections become heading rows, indented by depth,
/// and a closing summary of the whole report (the trial balance's TOTAL, the profit and loss's Net Income) the footer.
/// </summary>
public sealed record ReportTable(IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows, ReportRow? Footer, string Start, string End)
{
    /// <summary>Whether QuickBooks said the period holds nothing to report (its NoReportData option), or no row came.</summary>
    public bool IsEmpty { get; init; }

    /// <summary>A column's title as shown: QuickBooks leaves the account column untitled.</summary>
    public string Heading(int column) => column == 0 && Columns[0].Title.Length == 0 ? "Account" : Columns[column].Title;

    public static ReportTable Read(JsonObject report)
    {
        var header = report["Header"] as JsonObject;
        var columns = (report["Columns"]?["Column"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(column => new ReportColumn((string?)column["ColTitle"] ?? "", (string?)column["ColType"] == "Money"))
            .ToList();
        var top = (report["Rows"]?["Row"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        // A report's last row that is a summary alone closes the whole report (group GrandTotal, NetIncome).
        var footer = top.Count > 0 && IsSummaryAlone(top[^1]) ? Cells(top[^1]["Summary"], columns.Count) : null;
        var rows = new List<ReportRow>();
        foreach (var row in footer is null ? top : top[..^1])
        {
            Add(row, 0, columns.Count, rows);
        }

        var noData = (header?["Option"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(option => (string?)option["Name"] == "NoReportData" && (string?)option["Value"] == "true");
        return new ReportTable(columns, rows, footer is null ? null : new ReportRow(ReportRowKind.Summary, 0, footer),
            (string?)header?["StartPeriod"] ?? "", (string?)header?["EndPeriod"] ?? "")
        {
            IsEmpty = noData || (rows.Count == 0 && footer is null),
        };
    }

    private static void Add(JsonObject row, int depth, int width, List<ReportRow> rows)
    {
        if (row["ColData"] is JsonArray)
        {
            rows.Add(new ReportRow(ReportRowKind.Data, depth, Cells(row, width)!));
            return;
        }

        if (Cells(row["Header"], width) is { } heading)
        {
            rows.Add(new ReportRow(ReportRowKind.Section, depth, heading));
        }

        foreach (var child in (row["Rows"]?["Row"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Add(child, depth + 1, width, rows);
        }

        if (Cells(row["Summary"], width) is { } summary)
        {
            rows.Add(new ReportRow(ReportRowKind.Summary, depth, summary));
        }
    }

    private static bool IsSummaryAlone(JsonObject row) =>
        row["Summary"] is JsonObject && row["Header"] is null && row["ColData"] is null && (row["Rows"]?["Row"] as JsonArray ?? []).Count == 0;

    /// <summary>A row's cell values, as many as the report has columns (a summary may state fewer).</summary>
    private static string[]? Cells(JsonNode? holder, int width)
    {
        if (holder?["ColData"] is not JsonArray data)
        {
            return null;
        }

        var cells = new string[Math.Max(width, data.Count)];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = i < data.Count ? (string?)data[i]?["value"] ?? "" : "";
        }

        return cells;
    }
}

/// <summary>A report column: its title as QuickBooks gives it (empty for the account column) and whether it holds money.</summary>
public sealed record ReportColumn(string Title, bool IsMoney);

public enum ReportRowKind
{
    Section,
    Data,
    Summary,
}

/// <summary>One line of a report: a section's heading, a data row or a summary, at its depth in the report's sections.</summary>
public sealed record ReportRow(ReportRowKind Kind, int Depth, IReadOnlyList<string> Cells);
