using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Webhooks.Status;

/// <summary>
/// An organization's own payloads: list with filters, one in detail, replay. A key bound to a source
/// lists and reads only that source's payloads (another source's answer 404, like another tenant's)
/// and may not replay.
/// </summary>
internal static class PayloadEndpoints
{
    public static void MapPayloadEndpoints(this TenantRouteGroup tenant)
    {
        tenant.Routes.MapGet("/payloads", ListAsync).WithName("ListPayloads").AllowSourceBoundKeys()
            .WithDescription(PayloadQuery.PagingDescription)
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        tenant.Routes.MapGet("/payloads/{payloadId}", GetAsync).WithName("GetPayload").AllowSourceBoundKeys()
            .ProducesProblemCodes(StatusCodes.Status404NotFound, PayloadErrors.NotFoundCode);
        tenant.Routes.MapPost("/payloads/{payloadId}/replay", ReplayAsync).WithName("ReplayPayload")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, PayloadErrors.NotFoundCode)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, PayloadErrors.NotReplayableCode);
    }

    internal static async Task<Ok<PagedResponse<PayloadSummaryView>>> ListAsync(
        TenantContext tenant, WebhookStore webhooks, string? status, string? sourceId, DateTime? from, DateTime? to, int? page, int? pageSize,
        string? cursor, CancellationToken cancellationToken)
    {
        var filter = PayloadQuery.Filter(status, sourceId, from, to);
        var paging = ListQuery.Page(page, pageSize);
        var after = PayloadQuery.Cursor(cursor, page);
        if (tenant.BoundSourceId is { } bound)
        {
            // Asking a bound key's list for another source finds nothing, as it would in another organization.
            if (sourceId is not null && sourceId != bound)
            {
                return TypedResults.Ok(new Page<WebhookPayloadSummary>([], 0, paging).ToResponse(PayloadSummaryView.From));
            }

            filter = filter with { SourceId = bound };
        }

        var result = await webhooks.ListPayloadsAsync(tenant.OrganizationId, filter, paging, cancellationToken, after);
        return TypedResults.Ok(result.ToResponse(PayloadSummaryView.From));
    }

    internal static async Task<Ok<ApiResponse<PayloadDetailView>>> GetAsync(
        string payloadId, TenantContext tenant, WebhookStore webhooks, SyncLogStore syncLogs, CancellationToken cancellationToken)
    {
        var payload = await webhooks.GetPayloadAsync(tenant.OrganizationId, payloadId, cancellationToken);
        if (payload is null || !tenant.SeesSource(payload.SourceId))
        {
            throw PayloadErrors.NotFound();
        }

        var logs = await syncLogs.ListByPayloadAsync(tenant.OrganizationId, payloadId, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(new PayloadDetailView(PayloadSummaryView.From(payload), payload.EventKey, logs, payload.RawPayload)));
    }

    internal static async Task<Accepted<ApiResponse<ReplayResult>>> ReplayAsync(
        string payloadId, TenantContext tenant, HttpContext http, PayloadReplayer replayer, CancellationToken cancellationToken)
    {
        await replayer.ReplayAsync(tenant.OrganizationId, payloadId, tenant.AuditActor(http), cancellationToken);
        return TypedResults.Accepted((string?)null, ApiResponse.Of(new ReplayResult(payloadId, PayloadStatus.Queued)));
    }

    internal sealed record ReplayResult(string PayloadId, string Status);
}

/// <summary>Validated list parameters shared by the tenant and admin payload lists.</summary>
internal static class PayloadQuery
{
    public static readonly string PagingDescription =
        $"Newest first. The total is counted up to {WebhookStore.MaxCountedTotal} matches; beyond that pagination.totalIsEstimate is true and total is a " +
        "lower bound. Page on with cursor = pagination.nextCursor (present while pagination.hasMore): each page then costs the " +
        "same however deep. page (an offset) still works, but deep offsets grow slower with the archive and may not be combined with cursor.";

    public static readonly IReadOnlyList<string> Statuses =
    [
        PayloadStatus.Queued, PayloadStatus.Processing, PayloadStatus.Succeeded, PayloadStatus.Skipped,
        PayloadStatus.WaitingConnection, PayloadStatus.WaitingDependency, PayloadStatus.Failed, PayloadStatus.Retrying, PayloadStatus.Dead, PayloadStatus.Drifted,
    ];

    public static PayloadFilter Filter(string? status, string? sourceId, DateTime? from, DateTime? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !Statuses.Contains(status))
        {
            errors["status"] = ["must be one of " + string.Join(", ", Statuses)];
        }

        ListQuery.CheckRange(from, to, errors);
        return new PayloadFilter { Status = status, SourceId = sourceId, ReceivedFrom = from?.ToUniversalTime(), ReceivedTo = to?.ToUniversalTime() };
    }

    /// <summary>
    /// The keyset cursor of a payload list (a previous page's <c>nextCursor</c>), or null without one. A cursor says where
    /// the page starts, so a page number beside it is refused rather than silently ignored.
    /// </summary>
    /// <param name="cursor">The <c>cursor</c> query parameter.</param>
    /// <param name="page">The <c>page</c> query parameter.</param>
    public static PayloadCursor? Cursor(string? cursor, int? page)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        var errors = new Dictionary<string, string[]>();
        var after = PayloadCursor.Decode(cursor);
        if (after is null)
        {
            errors["cursor"] = ["must be a nextCursor this list returned"];
        }

        if (page is not null)
        {
            errors["page"] = ["must not be given with a cursor, which says where the page starts"];
        }

        return errors.Count > 0 ? throw ApiException.Validation(errors) : after;
    }
}
