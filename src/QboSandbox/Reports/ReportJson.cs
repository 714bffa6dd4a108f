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
    public static JsonObject Header(string reportName, ReportRequest request, DateOnly start, DateOnly end, string currency, bool noData, DateTimeOffset now)
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
        header["Option"] = new JsonArray(new JsonObject { ["Name"] = "NoReportData", ["Value"] = noData ? "true" : "false" });
        return header;
    }

    public static JsonObject Column(string type, string title) => new() { ["ColType"] = type, ["ColTitle"] = title };

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

    public static JsonObject Summary(string group, params JsonObject[] cells) => new()
    {
        ["group"] = group,
        ["type"] = "Section",
        ["Summary"] = new JsonObject { ["ColData"] = new JsonArray([.. cells]) },
    };
}
