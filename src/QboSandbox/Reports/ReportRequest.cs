using System.Globalization;
using QboSandbox.Http;
using QboSandbox.Ledger;

namespace QboSandbox.Reports;

/// <summary>
/// The query parameters the sandbox's reports honour (names as Intuit's .NET SDK ReportService sends them):
/// start_date and end_date (yyyy-MM-dd), date_macro (each report's default: "This Month-to-date" for the TrialBalance,
/// the period of Intuit's sample, whose header reads "DateMacro": "this month-to-date"; "This Fiscal Year-to-date" for
/// ProfitAndLoss and BalanceSheet, as their references give), accounting_method (Accrual, the default; Cash is not
/// emulated) and summarize_column_by (only Total). An explicit date replaces that end of the macro's range. Anything
/// malformed is refused with 2010, QBO's code for an invalid property; a filter the report documents but the sandbox
/// does not apply (customer, vendor, item, class, department, employee) is refused rather than ignored, since
/// ignoring it would answer with the whole company's figures.
/// </summary>
internal sealed record ReportRequest(DateOnly? Start, DateOnly? End, string? DateMacro, string Basis)
{
    public const string MonthToDate = "This Month-to-date";
    public const string FiscalYearToDate = "This Fiscal Year-to-date";

    private static readonly string[] Filters = ["customer", "vendor", "item", "class", "department", "employee"];

    public static ReportRequest Read(IQueryCollection query, DateOnly today, string defaultMacro, bool hasFilters = false)
    {
        if (hasFilters && Filters.FirstOrDefault(f => Value(query, f) is not null) is { } filter)
        {
            throw QboException.UnsupportedOperation($"{filter}= is not emulated by the local sandbox: its reports cover the whole company");
        }

        RequireAccrualTotals(query);
        var start = Date(query, "start_date");
        var end = Date(query, "end_date");
        var macro = Value(query, "date_macro");
        var explicitRange = start is not null && end is not null;
        var name = explicitRange ? null : macro ?? defaultMacro;
        (DateOnly Start, DateOnly End)? range = name is null
            ? null
            : DateMacros.Resolve(name, today) ?? throw QboException.InvalidProperty($"Property Name:date_macro specified is unsupported or invalid: {name}");
        start ??= range?.Start;
        end ??= range?.End;
        if (start > end)
        {
            throw QboException.InvalidProperty("Property Name:start_date specified is unsupported or invalid: it is after end_date");
        }

        return new ReportRequest(
            start == DateOnly.MinValue ? null : start,
            end == DateOnly.MaxValue ? null : end,
            name?.ToLowerInvariant(),
            "Accrual");
    }

    /// <summary>
    /// The dates the report covers: those asked, and where the macro leaves an end open ("All"), the company's first
    /// and last transaction dates (today when it has none).
    /// </summary>
    public (DateOnly Start, DateOnly End) Period(IReadOnlyList<LedgerEntry> entries, DateOnly today)
    {
        var start = Start ?? (entries.Count == 0 ? today : entries.Min(e => e.TxnDate));
        var end = End ?? (entries.Count == 0 ? today : DateOnly.FromDayNumber(Math.Max(entries.Max(e => e.TxnDate).DayNumber, start.DayNumber)));
        return (start, end);
    }

    /// <summary>Refuses accounting_method=Cash (the ledger is accrual only) and columns other than Total.</summary>
    public static void RequireAccrualTotals(IQueryCollection query)
    {
        var basis = Value(query, "accounting_method") ?? "Accrual";
        if (basis.Equals("Cash", StringComparison.OrdinalIgnoreCase))
        {
            throw QboException.UnsupportedOperation("accounting_method=Cash is not emulated by the local sandbox: its ledger is accrual only");
        }

        if (!basis.Equals("Accrual", StringComparison.OrdinalIgnoreCase))
        {
            throw QboException.InvalidProperty($"Property Name:accounting_method specified is unsupported or invalid: {basis}");
        }

        if (Value(query, "summarize_column_by") is { } columns && !columns.Equals("Total", StringComparison.OrdinalIgnoreCase))
        {
            throw QboException.UnsupportedOperation($"summarize_column_by={columns} is not emulated by the local sandbox (only Total)");
        }
    }

    /// <summary>
    /// The columns asked for of a detail report (comma-separated column names of Intuit's references), <paramref name="defaults"/> when none;
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

    public static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    public static DateOnly? Date(IQueryCollection query, string name) =>
        Value(query, name) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw QboException.InvalidProperty($"Property Name:{name} specified is unsupported or invalid: {text}");
}
