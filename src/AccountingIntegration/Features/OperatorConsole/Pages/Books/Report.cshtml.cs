using System.Globalization;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Proxy;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Books;

/// <summary>
/// One of the organization's books as QuickBooks reports them (<see cref="ConsoleReport.All"/>: trial balance, profit and
/// loss, balance sheet, general ledger, read through the proxy), for the period asked or this fiscal year to date: what
/// the sync has written, without signing in to the client's company. Read-only, so viewers see it too.
/// </summary>
public sealed class ReportModel : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string OrganizationId { get; set; } = string.Empty;

    /// <summary>Which report, by its path (<see cref="ConsoleReport.Path"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "report")]
    public string ReportPath { get; set; } = string.Empty;

    /// <summary>A named period (<see cref="ReportPeriod.All"/>), asked of QuickBooks instead of dates.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Start { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? End { get; set; }

    public ConsoleReport Report { get; private set; } = ConsoleReport.All[0];

    public string OrganizationName { get; private set; } = string.Empty;

    /// <summary>The organization's slug (letters, digits and dashes), which names its report files.</summary>
    public string OrganizationSlug { get; private set; } = string.Empty;

    /// <summary>The report as QuickBooks answered it, laid out as a table.</summary>
    public ReportTable? Table { get; private set; }

    /// <summary>Why the page has nothing to show: an unknown organization or report.</summary>
    public string? NotFoundReason { get; private set; }

    /// <summary>Why there is no report: not connected, a bad date, or QuickBooks' own refusal.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>Another report, for the same period.</summary>
    public string LinkTo(ConsoleReport report) => Link(report, Blank(Start) is null && Blank(End) is null ? "" : "?" + Dates);

    /// <summary>This report, for a named period.</summary>
    public string LinkTo(ReportPeriod period) => Link(Report, $"?period={period.Name}");

    /// <summary>The link that downloads what the page shows: once a report is read, its dates are the period QuickBooks answered for.</summary>
    public string CsvLink => Link(Report, $"?{Dates}&handler=csv");

    private string Link(ConsoleReport report, string query) => $"/console/organizations/{OrganizationId}/{report.Path}{query}";

    private string Dates => $"start={Uri.EscapeDataString(Start ?? "")}&end={Uri.EscapeDataString(End ?? "")}";

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>The report as a CSV file (<see cref="ReportCsv"/>); the page, saying why, when there is no report.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        await LoadAsync();
        return Table is { } table
            ? new ReportCsv(table, FileName($"{OrganizationSlug}-{Report.Path}-{table.Start}-to-{table.End}"))
            : Page();
    }

    private async Task LoadAsync()
    {
        // The path is checked first: an unknown report costs no database read.
        if (ConsoleReport.Of(ReportPath) is not { } report)
        {
            NotFoundReason = $"The console has no report \"{ReportPath}\": it shows the {string.Join(", ", ConsoleReport.All.Select(r => r.Title.ToLowerInvariant()))}.";
            return;
        }

        if (await Get<OrganizationStore>().GetByIdAsync(OrganizationId, HttpContext.RequestAborted) is not { } organization)
        {
            NotFoundReason = $"No organization has the id {OrganizationId}.";
            return;
        }

        Report = report;
        OrganizationName = organization.Name;
        OrganizationSlug = organization.Slug;
        if (Parameters() is not { } parameters)
        {
            return;
        }

        try
        {
            Table = ReportTable.Read(await Get<QboProxy>().ReportAsync(OrganizationId, Report.QboName, parameters, HttpContext.RequestAborted));
            Start = Table.Start;
            End = Table.End;
        }
        catch (QboNotConnectedException)
        {
            Unavailable = "The organization has no working QuickBooks connection: send it a connect link from its page.";
        }
        catch (QboApiException e)
        {
            Unavailable = $"QuickBooks did not answer with the report: {e.QboMessage}";
        }
    }

    /// <summary>A file name of ASCII letters, digits and dashes alone, whatever QuickBooks put in the period.</summary>
    private static string FileName(string name) => new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray()) + ".csv";

    /// <summary>
    /// A named period, else both dates, else this fiscal year to date; null when the dates are not a period or the name is
    /// none of the periods (<see cref="Unavailable"/> then says which).
    /// </summary>
    private List<KeyValuePair<string, string>>? Parameters()
    {
        if (Blank(Period) is { } name)
        {
            if (ReportPeriod.Of(name.Trim()) is { } period)
            {
                return [new("date_macro", period.DateMacro)];
            }

            Unavailable = $"The console has no period \"{name}\": choose one of {string.Join(", ", ReportPeriod.All.Select(p => p.Title.ToLowerInvariant()))}, or give dates.";
            return null;
        }

        if (Blank(Start) is null && Blank(End) is null)
        {
            return [new("date_macro", ReportPeriod.YearToDate.DateMacro)];
        }

        if (ProxyReports.Date(Start?.Trim()) is { } start && ProxyReports.Date(End?.Trim()) is { } end && start <= end)
        {
            return [new("start_date", Format(start)), new("end_date", Format(end))];
        }

        Unavailable = "Give both dates as yyyy-mm-dd, the start on or before the end.";
        return null;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
