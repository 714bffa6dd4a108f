using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Csv;
using AccountingIntegration.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages;

/// <summary>
/// The audit log with the API's filters and paging (<see cref="AuditEndpoints.ListAsync"/>), and its CSV export
/// (<see cref="AuditEndpoints.ExportAsync"/>, audited as the API's is) served here so the cookie session downloads it.
/// </summary>
public sealed class AuditModel : ConsolePageModel
{
    public const int PageSize = 50;

    /// <summary>How many organizations the filter offers by name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(Name = "action", SupportsGet = true)]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ActorId { get; set; }

    /// <summary>The range's start, UTC, as the form's datetime-local field sends it.</summary>
    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    /// <summary>The page number (not "page": Razor Pages reserves that route value).</summary>
    [BindProperty(Name = "p", SupportsGet = true)]
    public int? PageNumber { get; set; }

    internal PagedResponse<AuditEntry>? Entries { get; private set; }

    internal OrganizationChoices Organizations { get; private set; } = new([], 0, null, null);

    /// <summary>The filters as a query string, for the CSV link and the pages.</summary>
    public string Query(int? page = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("organizationId", Blank(OrganizationId)), new("category", Blank(Category)), new("action", Blank(ActionName)), new("actorId", Blank(ActorId)),
            new("from", From?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            new("to", To?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            new("p", page?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs.Where(p => p.Value is not null)).Value ?? string.Empty;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Organizations = await OrganizationChoices.LoadAsync(Get<OrganizationStore>(), OrganizationId, cancellationToken);
        return await ChangeAsync(async () =>
        {
            var result = await AuditEndpoints.ListAsync(
                HttpContext, Get<AuditLogStore>(), Get<AuditTrail>(), Get<ExportReader>(), Get<TimeProvider>(),
                Organizations.FilterId, Blank(Category), Blank(ActionName), Blank(ActorId), Utc(From), Utc(To), PageNumber, PageSize, null, cancellationToken);
            Entries = result.Result is Ok<PagedResponse<AuditEntry>> ok ? ok.Value : null;
            return Page();
        });
    }

    /// <summary>Every entry the filters match, as the API's CSV file.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        Organizations = await OrganizationChoices.LoadAsync(Get<OrganizationStore>(), OrganizationId, cancellationToken);
        return await ChangeAsync(async () =>
        {
            var file = await AuditEndpoints.ExportAsync(
                HttpContext, Get<AuditTrail>(), Get<ExportReader>(), Get<TimeProvider>(),
                Organizations.FilterId, Blank(Category), Blank(ActionName), Blank(ActorId), Utc(From), Utc(To), cancellationToken);
            return new ResultAction(file);
        });
    }

    // The form's times are UTC (the page says so); the API treats an unmarked time as the server's local time.
    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

    /// <summary>Runs a minimal API result (the API's CSV file) as the page's answer.</summary>
    private sealed class ResultAction(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
