using System.Globalization;
using AccountingIntegration.Infrastructure.Csv;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Books;

/// <summary>
/// A report as the page shows it, as a CSV download for the bookkeeper's spreadsheet. Two columns lead: <c>Line</c>
/// (section, data or summary; the report's closing total is a summary too) and <c>Level</c> (the section depth the page
/// indents by), so a spreadsheet can keep the data rows alone or rebuild the layout; the report's own columns follow,
/// their cells unindented. Amounts are written as numbers, text cells are guarded against formulas (the names and
/// memos come from the vendors' webhooks).
/// </summary>
internal sealed class ReportCsv(ReportTable table, string fileName) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        CsvDownload.Start(response, fileName);
        await WriteAsync(table, response.Body, context.HttpContext.RequestAborted);
    }

    public static async Task WriteAsync(ReportTable table, Stream body, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(body, CsvDownload.Options, leaveOpen: true);
        IReadOnlyList<ReportRow> rows = table.Footer is { } footer ? [.. table.Rows, footer] : table.Rows;
        var width = rows.Select(row => row.Cells.Count).Append(table.Columns.Count).Max();
        csv.WriteField("Line");
        csv.WriteField("Level");
        for (var i = 0; i < width; i++)
        {
            csv.WriteField(i < table.Columns.Count ? table.Heading(i) : "");
        }

        await csv.EndRecordAsync(cancellationToken);
        foreach (var row in rows)
        {
            csv.WriteField(row.Kind.ToString().ToLowerInvariant());
            csv.WriteField(row.Depth);
            for (var i = 0; i < width; i++)
            {
                var cell = i < row.Cells.Count ? row.Cells[i] : "";
                var isMoney = i < table.Columns.Count && table.Columns[i].IsMoney;
                if (isMoney && decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
                {
                    csv.WriteField(amount);
                }
                else
                {
                    csv.WriteField(cell);
                }
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
