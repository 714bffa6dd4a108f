using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.State;

namespace QboSandbox.Reports;

/// <summary>
/// The Report shape of Intuit's Report.xsd (.NET SDK, Intuit.Ipp.Data): Header (ReportHeader: Time, ReportName,
/// DateMacro, ReportBasis, StartPeriod, EndPeriod, Currency, Option name/value pairs), Columns.Column (ColTitle,
/// ColType) and Rows.Row (ColData with value and id attributes, or a Section with Summary and a group). In JSON the
/// report is the whole body, without an IntuitResponse wrapper or "time" (Intuit's TrialBalance sample).
/// </summary>
internal static class ReportJson
{
    /// <summary>
    /// The header; <paramref name="statement"/> adds what the ProfitAndLoss and BalanceSheet samples carry beside it:
    /// the AccountingStandard option (GAAP; the sandbox has no IFRS companies) and SummarizeColumnsBy Total.
    /// </summary>
    public static JsonObject Header(string reportName, ReportRequest request, DateOnly start, DateOnly end, string currency, bool noData, DateTimeOffset now, bool statement = false)
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

        header["ReportBasis"] = request.Basis;
        header["StartPeriod"] = PacificTime.FormatDate(start);
        header["EndPeriod"] = PacificTime.FormatDate(end);
        header["Currency"] = currency;
        var options = new JsonArray();
        if (statement)
        {
            options.Add(new JsonObject { ["Name"] = "AccountingStandard", ["Value"] = "GAAP" });
        }

        options.Add(new JsonObject { ["Name"] = "NoReportData", ["Value"] = noData ? "true" : "false" });
        header["Option"] = options;
        if (statement)
        {
            header["SummarizeColumnsBy"] = "Total";
        }

        return header;
    }

    public static JsonObject Column(string type, string title) => new() { ["ColType"] = type, ["ColTitle"] = title };

    /// <summary>The two columns of a statement (account, Total), each with its ColKey as in Intuit's samples.</summary>
    public static JsonObject StatementColumns() => new()
    {
        ["Column"] = new JsonArray(KeyedColumn("Account", "", "account"), KeyedColumn("Money", "Total", "total")),
    };

    /// <summary>A column with its ColKey, as live answers carry it beside ColType.</summary>
    public static JsonObject KeyedColumn(string type, string title, string key)
    {
        var column = Column(type, title);
        column["MetaData"] = new JsonArray(new JsonObject { ["Name"] = "ColKey", ["Value"] = key });
        return column;
    }

    public static JsonObject Cell(string value, string? id = null)
    {
        var cell = new JsonObject();
        if (id is not null)
        {
            cell["id"] = id;
        }

        cell["value"] = value;
        return cell;
    }

    /// <summary>Amounts as QBO writes them in reports: a plain string with two decimals ("4151.74"), empty for none.</summary>
    public static string Money(decimal? amount) => amount is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "";

    /// <summary>A leaf row of a statement: the account (or a line such as Net Income) and its amount.</summary>
    public static JsonObject DataRow(string name, string? id, decimal amount) => new()
    {
        ["ColData"] = new JsonArray(Cell(name, id), Cell(Money(amount))),
        ["type"] = "Data",
    };

    /// <summary>
    /// A statement section: a Header row naming it (with the account's id when the section is a parent account), its
    /// rows (left out when it has none, as the samples' empty Expenses section is), and a Summary row with its total
    /// (empty when it has no rows).
    /// </summary>
    public static JsonObject Section(string? group, string title, string? id, JsonArray rows, string summaryTitle, decimal total)
    {
        var section = new JsonObject { ["Header"] = new JsonObject { ["ColData"] = new JsonArray(Cell(title, id), Cell("")) } };
        if (rows.Count > 0)
        {
            section["Rows"] = new JsonObject { ["Row"] = rows };
        }

        section["Summary"] = new JsonObject
        {
            ["ColData"] = new JsonArray(Cell(summaryTitle), Cell(rows.Count > 0 ? Money(total) : "")),
        };
        section["type"] = "Section";
        if (group is not null)
        {
            section["group"] = group;
        }

        return section;
    }

    /// <summary>
    /// The transaction type as QBO's reports name it: the form's name in words ("Credit Memo", "Sales Receipt"), and a
    /// refund receipt as "Refund" (as a ProfitAndLossDetail answer of Intuit's sample company names them).
    /// </summary>
    public static string TypeName(string entity) => entity switch
    {
        EntityNames.CreditMemo => "Credit Memo",
        EntityNames.SalesReceipt => "Sales Receipt",
        EntityNames.RefundReceipt => "Refund",
        _ => entity,
    };

    /// <summary>A detail report's section: its header's cells, its data rows, and its summary's cells.</summary>
    public static JsonObject DetailSection(JsonArray header, JsonArray rows, IEnumerable<JsonObject> summary) => new()
    {
        ["Header"] = new JsonObject { ["ColData"] = header },
        ["Rows"] = new JsonObject { ["Row"] = rows },
        ["Summary"] = new JsonObject { ["ColData"] = new JsonArray([.. summary.Cast<JsonNode>()]) },
        ["type"] = "Section",
    };

    public static JsonObject Summary(string group, params JsonObject[] cells) => new()
    {
        ["group"] = group,
        ["type"] = "Section",
        ["Summary"] = new JsonObject { ["ColData"] = new JsonArray([.. cells]) },
    };
}
