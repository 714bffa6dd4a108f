namespace AccountingIntegration.Features.OperatorConsole.Pages.Books;

/// <summary>
/// A period a bookkeeper reaches for (last month, last quarter…), asked of QuickBooks as its own <c>date_macro</c> rather
/// than as dates worked out here: QuickBooks resolves it against the company's today and fiscal year, which the console
/// does not know (https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/profitandloss, the
/// date_macro parameter). The answer's StartPeriod and EndPeriod then fill the page's dates.
/// </summary>
public sealed record ReportPeriod(string Name, string Title, string DateMacro)
{
    /// <summary>The period the page shows when none is asked, as QuickBooks' own report screens do.</summary>
    public static ReportPeriod YearToDate { get; } = new("this-year-to-date", "This year to date", "This Fiscal Year-to-date");

    public static IReadOnlyList<ReportPeriod> All { get; } =
    [
        new("this-month", "This month", "This Month"),
        new("last-month", "Last month", "Last Month"),
        new("this-quarter", "This quarter", "This Fiscal Quarter"),
        new("last-quarter", "Last quarter", "Last Fiscal Quarter"),
        YearToDate,
        new("last-year", "Last year", "Last Fiscal Year"),
    ];

    public static ReportPeriod? Of(string name) => All.FirstOrDefault(period => period.Name == name);
}
