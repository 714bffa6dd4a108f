using QboSandbox.Http;

namespace QboSandbox.Reports;

/// <summary>
/// The query parameters of the reports that state balances on one date, CustomerBalance, AgedReceivables and their
/// detail reports (Intuit's CustomerBalance, ARAgingSummary, CustomerBalanceDetail and ARAgingDetail references):
/// report_date (yyyy-MM-dd, default today); date_macro, whose end is the report date when report_date is not given
/// (Intuit's AgedReceivables sample asks for "Last Fiscal Year" and reports on 2015-12-31); customer (comma-separated
/// ids, which the header echoes as "Customer"); sort_order (ascend, the default, or descend, by customer name);
/// aging_method (Report_Date, the default: days past due are counted to the report date; Current: to today);
/// accounting_method Accrual and summarize_column_by Total, as the statements take them; arpaid All. What the sandbox
/// cannot apply (department, arpaid Paid or Unpaid, qzurl links, Cash) is refused rather than ignored.
/// </summary>
internal sealed record ReceivablesRequest(
    DateOnly ReportDate, string? DateMacro, (DateOnly Start, DateOnly End) Period, IReadOnlySet<string>? Customers, string? CustomerFilter,
    bool Descending, DateOnly AgedTo)
{
    public static ReceivablesRequest Read(IQueryCollection query, DateOnly today, string? defaultMacro)
    {
        ReportRequest.RequireAccrualTotals(query);
        if (ReportRequest.Value(query, "department") is not null)
        {
            throw QboException.UnsupportedOperation("department= is not emulated by the local sandbox: it has no departments on its transactions");
        }

        if (ReportRequest.Value(query, "arpaid") is { } paid && !paid.Equals("All", StringComparison.OrdinalIgnoreCase))
        {
            throw QboException.UnsupportedOperation($"arpaid={paid} is not emulated by the local sandbox (only All)");
        }

        if (ReportRequest.Value(query, "qzurl") is { } links && !links.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            throw QboException.UnsupportedOperation("qzurl= is not emulated by the local sandbox: its reports carry no Quick Zoom links");
        }

        var reportDate = ReportRequest.Date(query, "report_date");
        var macro = ReportRequest.Value(query, "date_macro") ?? (reportDate is null ? defaultMacro : null);
        (DateOnly Start, DateOnly End)? range = macro is null
            ? null
            : DateMacros.Resolve(macro, today) ?? throw QboException.InvalidProperty($"Property Name:date_macro specified is unsupported or invalid: {macro}");
        var date = reportDate ?? (range is { } r && r.End != DateOnly.MaxValue ? r.End : today);
        var period = range is { } p && p.Start != DateOnly.MinValue && p.End != DateOnly.MaxValue ? p : (date, date);

        var filter = ReportRequest.Value(query, "customer");
        var customers = filter?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

        var order = ReportRequest.Value(query, "sort_order") ?? "ascend";
        if (order is not ("ascend" or "descend"))
        {
            throw QboException.InvalidProperty($"Property Name:sort_order specified is unsupported or invalid: {order}");
        }

        var aging = ReportRequest.Value(query, "aging_method") ?? "Report_Date";
        var agedTo = aging.Equals("Report_Date", StringComparison.OrdinalIgnoreCase) ? date
            : aging.Equals("Current", StringComparison.OrdinalIgnoreCase) ? today
            : throw QboException.InvalidProperty($"Property Name:aging_method specified is unsupported or invalid: {aging}");

        return new ReceivablesRequest(date, macro?.ToLowerInvariant(), period, customers, filter, order == "descend", agedTo);
    }
}
