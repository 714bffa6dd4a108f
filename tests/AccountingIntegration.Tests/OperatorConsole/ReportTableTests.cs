using System.Text.Json.Nodes;
using AccountingIntegration.Features.OperatorConsole.Pages.Books;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// Any QuickBooks report read as one table: sections nested to any depth become heading and summary rows at their depth,
/// and a report's closing summary its footer. The answers are in Intuit's report shape (Columns, Rows, Header options).
/// </summary>
public sealed class ReportTableTests
{
    [Fact]
    public void Read_NestedSections_RowsAtTheirDepth_AndTheClosingSummaryAsFooter()
    {
        var table = ReportTable.Read(Parse("""
            {"Header":{"StartPeriod":"2026-03-01","EndPeriod":"2026-03-31","Option":[{"Name":"NoReportData","Value":"false"}]},
             "Columns":{"Column":[{"ColTitle":"","ColType":"Account"},{"ColTitle":"Total","ColType":"Money"}]},
             "Rows":{"Row":[
               {"Header":{"ColData":[{"value":"Income"},{"value":""}]},
                "Rows":{"Row":[
                  {"Header":{"ColData":[{"value":"Sales"},{"value":""}]},
                   "Rows":{"Row":[{"ColData":[{"value":"Services","id":"1"},{"value":"120.00"}],"type":"Data"}]},
                   "Summary":{"ColData":[{"value":"Total Sales"},{"value":"120.00"}]},"type":"Section"}]},
                "Summary":{"ColData":[{"value":"Total Income"},{"value":"120.00"}]},"type":"Section","group":"Income"},
               {"Summary":{"ColData":[{"value":"Gross Profit"},{"value":"120.00"}]},"type":"Section","group":"GrossProfit"},
               {"Summary":{"ColData":[{"value":"Net Income"},{"value":"120.00"}]},"type":"Section","group":"NetIncome"}]}}
            """));

        Assert.Equal([new ReportColumn("", false), new ReportColumn("Total", true)], table.Columns);
        Assert.Equal(
            [
                (ReportRowKind.Section, 0, "Income"),
                (ReportRowKind.Section, 1, "Sales"),
                (ReportRowKind.Data, 2, "Services"),
                (ReportRowKind.Summary, 1, "Total Sales"),
                (ReportRowKind.Summary, 0, "Total Income"),
                (ReportRowKind.Summary, 0, "Gross Profit"),
            ],
            table.Rows.Select(row => (row.Kind, row.Depth, row.Cells[0])));
        Assert.Equal(["Services", "120.00"], table.Rows[2].Cells);
        Assert.Equal(new[] { "Net Income", "120.00" }, table.Footer?.Cells);
        Assert.Equal(("2026-03-01", "2026-03-31"), (table.Start, table.End));
        Assert.False(table.IsEmpty);
    }

    [Fact]
    public void Read_ASectionLast_IsNoFooter_AndShortSummariesFillTheColumns()
    {
        // The general ledger: a section per account, its "Total for" summary states fewer cells than the columns.
        var table = ReportTable.Read(Parse("""
            {"Header":{"StartPeriod":"2026-03-01","EndPeriod":"2026-03-31"},
             "Columns":{"Column":[{"ColTitle":"Date","ColType":"Date"},{"ColTitle":"Amount","ColType":"Money"},{"ColTitle":"Balance","ColType":"Money"}]},
             "Rows":{"Row":[
               {"Header":{"ColData":[{"value":"Services","id":"1"}]},
                "Rows":{"Row":[{"ColData":[{"value":"2026-03-10"},{"value":"120.00"},{"value":"120.00"}],"type":"Data"}]},
                "Summary":{"ColData":[{"value":"Total for Services"},{"value":"120.00"}]},"type":"Section"}]}}
            """));

        Assert.Null(table.Footer);
        Assert.Equal(["Services", "", ""], table.Rows[0].Cells);
        Assert.Equal(["Total for Services", "120.00", ""], table.Rows[^1].Cells);
        Assert.Equal([false, true, true], table.Columns.Select(column => column.IsMoney));
    }

    [Fact]
    public void Read_NoReportData_IsEmpty()
    {
        var table = ReportTable.Read(Parse("""
            {"Header":{"StartPeriod":"2026-05-01","EndPeriod":"2026-05-31","Option":[{"Name":"NoReportData","Value":"true"}]},
             "Columns":{"Column":[{"ColTitle":"","ColType":"Account"},{"ColTitle":"Debit","ColType":"Money"},{"ColTitle":"Credit","ColType":"Money"}]},
             "Rows":{"Row":[{"Summary":{"ColData":[{"value":"TOTAL"},{"value":"0.00"},{"value":"0.00"}]},"type":"Section","group":"GrandTotal"}]}}
            """));

        Assert.True(table.IsEmpty);
        Assert.True(ReportTable.Read(Parse("""{"Header":{},"Columns":{"Column":[]},"Rows":{}}""")).IsEmpty);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
