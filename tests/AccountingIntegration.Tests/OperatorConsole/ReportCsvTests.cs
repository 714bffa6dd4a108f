using System.Text;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.OperatorConsole.Pages.Books;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// A console report as CSV: each line's kind and level first, then the report's cells unindented; amounts as numbers
/// (a negative one too), names and memos from the vendors' webhooks kept from running as formulas.
/// </summary>
public sealed class ReportCsvTests
{
    [Fact]
    public async Task Write_LinesWithKindAndLevel_AmountsAsNumbers_TextGuarded()
    {
        // A general ledger: an account section whose postings name a customer and a memo that look like formulas, and a refund.
        var table = ReportTable.Read(JsonNode.Parse("""
            {"Header":{"StartPeriod":"2026-03-01","EndPeriod":"2026-03-31"},
             "Columns":{"Column":[{"ColTitle":"Date","ColType":"Date"},{"ColTitle":"Name","ColType":"String"},{"ColTitle":"Memo/Description","ColType":"String"},{"ColTitle":"Amount","ColType":"Money"}]},
             "Rows":{"Row":[
               {"Header":{"ColData":[{"value":"Services","id":"1"}]},
                "Rows":{"Row":[
                  {"ColData":[{"value":"2026-03-10"},{"value":"=HYPERLINK(\"http://x\")"},{"value":"Order 1001, paid"},{"value":"120.00"}],"type":"Data"},
                  {"ColData":[{"value":"2026-03-12"},{"value":"Ann"},{"value":"-refund"},{"value":"-20.50"}],"type":"Data"}]},
                "Summary":{"ColData":[{"value":"Total for Services"},{"value":""},{"value":""},{"value":"99.50"}]},"type":"Section"},
               {"Summary":{"ColData":[{"value":"TOTAL"},{"value":""},{"value":""},{"value":"99.50"}]},"type":"Section","group":"GrandTotal"}]}}
            """)!.AsObject());

        using var body = new MemoryStream();
        await ReportCsv.WriteAsync(table, body, default);

        Assert.Equal(
            [
                "Line,Level,Date,Name,Memo/Description,Amount",
                "section,0,Services,,,",
                "data,1,2026-03-10,\"'=HYPERLINK(\"\"http://x\"\")\",\"Order 1001, paid\",120.00",
                "data,1,2026-03-12,Ann,\"'-refund\",-20.50",
                "summary,0,Total for Services,,,99.50",
                "summary,0,TOTAL,,,99.50",
            ],
            Encoding.UTF8.GetString(body.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Write_AnUntitledAccountColumn_IsHeadedAccount_AsOnThePage()
    {
        var table = ReportTable.Read(JsonNode.Parse("""
            {"Header":{"StartPeriod":"2026-03-01","EndPeriod":"2026-03-31"},
             "Columns":{"Column":[{"ColTitle":"","ColType":"Account"},{"ColTitle":"Debit","ColType":"Money"},{"ColTitle":"Credit","ColType":"Money"}]},
             "Rows":{"Row":[{"ColData":[{"value":"Services"},{"value":""},{"value":"45.00"}],"type":"Data"}]}}
            """)!.AsObject());

        using var body = new MemoryStream();
        await ReportCsv.WriteAsync(table, body, default);

        Assert.Equal(["Line,Level,Account,Debit,Credit", "data,0,Services,,45.00"],
            Encoding.UTF8.GetString(body.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }
}
