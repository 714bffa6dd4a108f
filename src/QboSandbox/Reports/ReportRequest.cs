using System.Globalization;
using QboSandbox.Http;

namespace QboSandbox.Reports;

/// <summary>
/// The query parameters the sandbox's reports honour (names as Intuit's .NET SDK ReportService sends them):
/// start_date and end_date (yyyy-MM-dd), date_macro (default "This Month-to-date", the period of Intuit's
/// TrialBalance sample, whose header reads "DateMacro": "this month-to-date"), accounting_method (Accrual, the
/// default; Cash is not emulated) and summarize_column_by (only Total). An explicit date replaces that end of the
/// macro's range. Anything malformed is refused with 2010, QBO's code for an invalid property.
/// </summary>
internal sealed record ReportRequest(DateOnly? Start, DateOnly? End, string? DateMacro, string Basis)
{
    public const string DefaultMacro = "This Month-to-date";

    public static ReportRequest Read(IQueryCollection query, DateOnly today)
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

        var start = Date(query, "start_date");
        var end = Date(query, "end_date");
        var macro = Value(query, "date_macro");
        var explicitRange = start is not null && end is not null;
        var name = explicitRange ? null : macro ?? DefaultMacro;
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

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    private static DateOnly? Date(IQueryCollection query, string name) =>
        Value(query, name) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw QboException.InvalidProperty($"Property Name:{name} specified is unsupported or invalid: {text}");
}
