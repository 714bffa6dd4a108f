namespace QboSandbox.Reports;

/// <summary>
/// The Reports API's date_macro values (the DateMacro enumeration of Intuit's Report.xsd, as shipped in the .NET SDK),
/// resolved against the company's today. Weeks start on Sunday; the fiscal year is the calendar year (sandbox
/// companies have no FiscalYearStartMonth other than January), so fiscal and calendar quarters coincide.
/// "-to-date" ranges end today, or for "Last …-to-date" on the same day of the previous period.
/// </summary>
internal static class DateMacros
{
    /// <summary>The range a macro names (case-insensitive), or null when it is not one of QBO's macros.</summary>
    public static (DateOnly Start, DateOnly End)? Resolve(string macro, DateOnly today)
    {
        var name = macro.Trim().ToLowerInvariant().Replace("calendar ", "", StringComparison.Ordinal).Replace("fiscal ", "", StringComparison.Ordinal);
        var toDate = name.EndsWith("-to-date", StringComparison.Ordinal);
        if (toDate)
        {
            name = name[..^"-to-date".Length];
        }

        (DateOnly Start, DateOnly End, DateOnly Anchor)? range = name switch
        {
            "all" => (DateOnly.MinValue, DateOnly.MaxValue, today),
            "today" => (today, today, today),
            "yesterday" => (today.AddDays(-1), today.AddDays(-1), today.AddDays(-1)),
            "this week" => Week(today, 0, today),
            "last week" => Week(today, -1, today.AddDays(-7)),
            "next week" => Week(today, 1, today),
            "next 4 weeks" => (today, today.AddDays(27), today),
            "this month" => Month(today, 0, today),
            "last month" => Month(today, -1, today.AddMonths(-1)),
            "next month" => Month(today, 1, today),
            "this quarter" => Quarter(today, 0, today),
            "last quarter" => Quarter(today, -1, today.AddMonths(-3)),
            "next quarter" => Quarter(today, 1, today),
            "this year" => Year(today, 0, today),
            "last year" => Year(today, -1, today.AddYears(-1)),
            "next year" => Year(today, 1, today),
            _ => null,
        };

        if (range is not { } r)
        {
            return null;
        }

        return toDate ? (r.Start, r.Anchor < r.End ? r.Anchor : r.End) : (r.Start, r.End);
    }

    private static (DateOnly, DateOnly, DateOnly) Week(DateOnly today, int offset, DateOnly anchor)
    {
        var start = today.AddDays(-(int)today.DayOfWeek + (7 * offset));
        return (start, start.AddDays(6), anchor);
    }

    private static (DateOnly, DateOnly, DateOnly) Month(DateOnly today, int offset, DateOnly anchor)
    {
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(offset);
        return (start, start.AddMonths(1).AddDays(-1), anchor);
    }

    private static (DateOnly, DateOnly, DateOnly) Quarter(DateOnly today, int offset, DateOnly anchor)
    {
        var start = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1).AddMonths(3 * offset);
        return (start, start.AddMonths(3).AddDays(-1), anchor);
    }

    private static (DateOnly, DateOnly, DateOnly) Year(DateOnly today, int offset, DateOnly anchor)
    {
        var start = new DateOnly(today.Year + offset, 1, 1);
        return (start, start.AddYears(1).AddDays(-1), anchor);
    }
}
