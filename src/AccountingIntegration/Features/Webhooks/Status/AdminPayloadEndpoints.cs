using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Csv;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Webhooks.Status;

/// <summary>Operators: search payloads across organizations, export them as CSV, and replay many at once by filter.</summary>
internal static class AdminPayloadEndpoints
{
    public const int MaxBulkReplay = 1000;

    public static RouteGroupBuilder MapAdminPayloadEndpoints(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/payloads", "Admin Payloads");
        group.MapGet("", SearchAsync).WithName("SearchPayloads").WithDescription(PayloadQuery.PagingDescription)
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        group.MapGet("/export", ExportAsync).WithName("ExportPayloads")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, CsvExport.TooLarge);
        // A payload whose status changes between the search and its replay is left alone and listed as skipped.
        group.MapPost("/replay", BulkReplayAsync).WithName("BulkReplayPayloads").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        return group;
    }

    internal static Task<CsvFile<WebhookPayloadSummary>> ExportAsync(
        HttpContext http, AuditTrail audit, ExportReader exports, TimeProvider time,
        string? organizationId, string? status, string? sourceId, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        var query = PayloadExport.Query(exports, organizationId, PayloadQuery.Filter(status, sourceId, from, to));
        return CsvExport.PrepareAsync(http, time, PayloadExport.Kind, PayloadExport.Columns, query, cancellationToken)
            .AuditedAsync(audit, http, PayloadExport.Kind, organizationId, cancellationToken);
    }

    internal static async Task<Ok<PagedResponse<PayloadSummaryView>>> SearchAsync(
        WebhookStore webhooks, string? organizationId, string? status, string? sourceId, DateTime? from, DateTime? to, int? page, int? pageSize,
        string? cursor, CancellationToken cancellationToken)
    {
        var filter = PayloadQuery.Filter(status, sourceId, from, to);
        var result = await webhooks.SearchPayloadsAsync(organizationId, filter, ListQuery.Page(page, pageSize), cancellationToken, PayloadQuery.Cursor(cursor, page));
        return TypedResults.Ok(result.ToResponse(PayloadSummaryView.From));
    }

    internal static async Task<Ok<ApiResponse<BulkReplayResult>>> BulkReplayAsync(
        BulkReplayRequest request, HttpContext http, WebhookStore webhooks, PayloadReplayer replayer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Status is null || !PayloadReplayer.CanReplay(request.Status))
        {
            errors["status"] = ["must be one of failed, dead, skipped, waiting_connection, retrying"];
        }

        if (request.Limit is < 1 or > MaxBulkReplay)
        {
            errors["limit"] = [$"must be between 1 and {MaxBulkReplay}"];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        // The free text selects exactly what the payload list's search box selects: the same filter, the same conditions.
        var filter = PayloadQuery.Filter(request.Status, request.SourceId, request.ReceivedFrom, request.ReceivedTo) with { Text = SearchText(request.Text) };
        var limit = request.Limit ?? MaxBulkReplay;
        var candidates = await MatchingAsync(webhooks, request.OrganizationId, filter, limit, cancellationToken);
        var replayed = new List<string>();
        var skipped = new List<string>();
        var actor = AuditActor.Operator(http);
        foreach (var payload in candidates)
        {
            try
            {
                await replayer.ReplayAsync(payload.OrganizationId, payload.PayloadId, actor, cancellationToken);
                replayed.Add(payload.PayloadId);
            }
            catch (ApiException e) when (e.Code is PayloadErrors.NotReplayableCode or PayloadErrors.NotFoundCode)
            {
                // Its status changed since the search (a worker finished it) or retention removed it: left as it is, and said.
                skipped.Add(payload.PayloadId);
            }
        }

        return TypedResults.Ok(ApiResponse.Of(new BulkReplayResult(replayed.Count, replayed, skipped)));
    }

    /// <summary>
    /// The payloads that match now, each once, read in full before any is replayed: a replayed payload that fails
    /// again at once would otherwise match a later search and be replayed (and audited) a second time.
    /// </summary>
    private static async Task<List<WebhookPayloadSummary>> MatchingAsync(WebhookStore webhooks, string? organizationId, PayloadFilter filter, int limit,
        CancellationToken cancellationToken)
    {
        var candidates = new List<WebhookPayloadSummary>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        PayloadCursor? after = null;
        while (candidates.Count < limit)
        {
            var matches = await webhooks.SearchPayloadsAsync(organizationId, filter, new PageRequest(1, PageRequest.MaxPageSize), cancellationToken, after);
            candidates.AddRange(matches.Items.Where(p => seen.Add(p.PayloadId)).Take(limit - candidates.Count));
            if (!matches.HasMore)
            {
                break;
            }

            after = PayloadCursor.After(matches.Items[^1]);
        }

        return candidates;
    }

    /// <summary>The search text as the payload list takes it: trimmed, and none when blank.</summary>
    internal static string? SearchText(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Which payloads to replay: a replayable status, and optionally an organization, a source, a time range and free
    /// text (a payload id or dedupe key exactly, or a part of the event type or last error, as the payload list's search).
    /// </summary>
    internal sealed record BulkReplayRequest(
        string? Status, string? OrganizationId, string? SourceId, DateTime? ReceivedFrom, DateTime? ReceivedTo, int? Limit, string? Text = null);

    /// <summary>What was replayed, and the matches whose status changed before their turn (left as they are).</summary>
    internal sealed record BulkReplayResult(int Replayed, IReadOnlyList<string> PayloadIds, IReadOnlyList<string> Skipped);
}
