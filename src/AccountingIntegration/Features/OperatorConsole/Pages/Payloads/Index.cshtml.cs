using System.Globalization;
using AccountingIntegration.Features.OperatorConsole.Failures;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Status;
using AccountingIntegration.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Payloads;

/// <summary>
/// Every payload received, newest first, filtered as the operators' API filters (the same store search, keyset pages
/// and capped count), plus free text; replay all that match, through the API's bulk replay.
/// </summary>
public sealed class IndexModel : ConsolePageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? SourceId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    internal Page<WebhookPayloadSummary>? Results { get; private set; }

    internal OrganizationChoices Organizations { get; private set; } = new([], 0, null, null);

    internal IReadOnlyList<WebhookSource> Sources { get; private set; } = [];

    internal Dictionary<string, string> OrganizationNames { get; } = new(StringComparer.Ordinal);

    /// <summary>How many payloads a "replay all" would replay, while its confirmation is shown.</summary>
    public long? ConfirmCount { get; private set; }

    public static IReadOnlyList<string> Statuses => PayloadQuery.Statuses;

    /// <summary>Replay all is offered for a replayable status; the API's bulk replay takes every other filter, the search text too.</summary>
    public bool CanReplayAll => CanChange && Status is not null && PayloadReplayer.CanReplay(Status);

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await LoadAsync(cancellationToken);
        return Page();
    });

    /// <summary>First step of "replay all": counts the matches and asks to confirm.</summary>
    public Task<IActionResult> OnPostReplayAllAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        await LoadAsync(cancellationToken);
        ConfirmCount = Math.Min(Results?.Total ?? 0, AdminPayloadEndpoints.MaxBulkReplay);
        return Page();
    });

    /// <summary>Second step: the API's bulk replay with the same filter.</summary>
    public Task<IActionResult> OnPostReplayAllConfirmedAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        NormalizeTimes();
        var request = new AdminPayloadEndpoints.BulkReplayRequest(
            Status, Blank(OrganizationId), Blank(SourceId), From, To, AdminPayloadEndpoints.MaxBulkReplay, AdminPayloadEndpoints.SearchText(Text));
        var result = await AdminPayloadEndpoints.BulkReplayAsync(request, HttpContext, Get<WebhookStore>(), Get<PayloadReplayer>(), cancellationToken);
        var done = result.Value!.Data!;
        Notice = done.Skipped.Count == 0
            ? $"Replayed {done.Replayed} payload(s): they are queued and will be processed again."
            : $"Replayed {done.Replayed} payload(s); {done.Skipped.Count} changed status before their turn and were left as they are.";
        Status = null;
        await LoadAsync(cancellationToken);
        return Page();
    });

    protected override async Task<IActionResult> OnRefusedAsync()
    {
        if (Organizations.Listed.Count == 0)
        {
            Organizations = await OrganizationChoices.LoadAsync(Get<OrganizationStore>(), OrganizationId, HttpContext.RequestAborted);
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var organizations = Get<OrganizationStore>();
        var webhooks = Get<WebhookStore>();
        Organizations = await OrganizationChoices.LoadAsync(organizations, OrganizationId, cancellationToken);
        foreach (var organization in Organizations.Listed)
        {
            OrganizationNames[organization.OrganizationId] = organization.Name;
        }

        NormalizeTimes();
        // A slug typed into the filter (past 200 organizations it is a field) becomes the organization's id.
        OrganizationId = Organizations.FilterId;
        SourceId = Blank(SourceId);
        Status = Blank(Status);
        Text = AdminPayloadEndpoints.SearchText(Text);
        if (OrganizationId is not null)
        {
            Sources = await webhooks.ListSourcesAsync(OrganizationId, cancellationToken);
        }

        // The API's own validation of the filters (status names, the time range) and of the cursor.
        var filter = PayloadQuery.Filter(Status, SourceId, From, To) with { Text = Text };
        var after = PayloadQuery.Cursor(Blank(Cursor), null);
        Results = await webhooks.SearchPayloadsAsync(OrganizationId, filter, new PageRequest(1, PageSize), cancellationToken, after);
        foreach (var missing in Results.Items.Select(p => p.OrganizationId).Distinct(StringComparer.Ordinal).Where(id => !OrganizationNames.ContainsKey(id)).ToList())
        {
            OrganizationNames[missing] = (await organizations.GetByIdAsync(missing, cancellationToken))?.Name ?? missing;
        }
    }

    /// <summary>The list's query string with the filters given, and a cursor when paging on.</summary>
    public string Query(string? cursor = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("organizationId", OrganizationId);
        Add("sourceId", SourceId);
        Add("status", Status);
        Add("from", InputTime(From));
        Add("to", InputTime(To));
        Add("q", Text);
        Add("cursor", cursor);
        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }

    /// <summary>A time as a datetime-local input shows it (UTC).</summary>
    public static string? InputTime(DateTime? time) => time?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>A payload id shortened for a table: its last characters, which differ between payloads received together.</summary>
    public static string Short(string payloadId) => payloadId.Length <= 10 ? payloadId : payloadId[^10..];

    internal static string StatusWords(string status) => PayloadStatusWords.Of(status);

    internal static FailureExplanation? ExplanationOf(WebhookPayloadSummary payload) =>
        payload.Status is PayloadStatus.Succeeded or PayloadStatus.Queued or PayloadStatus.Processing || FailureExplanations.CodeOf(payload.LastError) is not { } code
            ? null
            : FailureExplanations.Explain(code);

    /// <summary>The form's times are UTC (the inputs say so); a time given with its zone is taken as given.</summary>
    private void NormalizeTimes()
    {
        From = Utc(From);
        To = Utc(To);
        static DateTime? Utc(DateTime? time) => time is { Kind: DateTimeKind.Unspecified } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : time?.ToUniversalTime();
    }
}
