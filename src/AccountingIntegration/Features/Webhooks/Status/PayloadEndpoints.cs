using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Webhooks.Status;

/// <summary>An organization's own payloads: list with filters, one in detail, replay.</summary>
internal static class PayloadEndpoints
{
    public static RouteGroupBuilder MapPayloadEndpoints(this RouteGroupBuilder org)
    {
        org.MapGet("/payloads", ListAsync).WithName("ListPayloads");
        org.MapGet("/payloads/{payloadId}", GetAsync).WithName("GetPayload");
        org.MapPost("/payloads/{payloadId}/replay", ReplayAsync).WithName("ReplayPayload");
        return org;
    }

    internal static async Task<Ok<PagedResponse<PayloadSummaryView>>> ListAsync(
        TenantContext tenant, WebhookStore webhooks, string? status, string? sourceId, DateTime? from, DateTime? to, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var filter = PayloadQuery.Filter(status, sourceId, from, to);
        var result = await webhooks.ListPayloadsAsync(tenant.OrganizationId, filter, PayloadQuery.Page(page, pageSize), cancellationToken);
        return TypedResults.Ok(new PagedResponse<PayloadSummaryView>(
            result.Items.Select(PayloadSummaryView.From).ToList(), new Pagination(result.Request.Page, result.Request.PageSize, result.Total)));
    }

    internal static async Task<Ok<ApiResponse<PayloadDetailView>>> GetAsync(
        string payloadId, TenantContext tenant, WebhookStore webhooks, SyncLogStore syncLogs, CancellationToken cancellationToken)
    {
        var payload = await webhooks.GetPayloadAsync(tenant.OrganizationId, payloadId, cancellationToken)
                      ?? throw ApiException.NotFound("PAYLOAD_NOT_FOUND", "Payload not found.");
        var logs = await syncLogs.GetByPayloadIdAsync(tenant.OrganizationId, payloadId, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(new PayloadDetailView(PayloadSummaryView.From(payload), payload.EventKey, logs, payload.RawPayload)));
    }

    internal static async Task<Accepted<ApiResponse<ReplayResult>>> ReplayAsync(
        string payloadId, TenantContext tenant, HttpContext http, PayloadReplayer replayer, CancellationToken cancellationToken)
    {
        await replayer.ReplayAsync(tenant.OrganizationId, payloadId, tenant.IsAdmin ? "admin" : "api_key", tenant.ActorId,
            http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return TypedResults.Accepted((string?)null, ApiResponse.Of(new ReplayResult(payloadId, PayloadStatus.Queued)));
    }

    internal sealed record ReplayResult(string PayloadId, string Status);
}

/// <summary>Validated list parameters shared by the tenant and admin payload lists.</summary>
internal static class PayloadQuery
{
    public static readonly IReadOnlyList<string> Statuses =
    [
        PayloadStatus.Queued, PayloadStatus.Processing, PayloadStatus.Succeeded, PayloadStatus.Skipped,
        PayloadStatus.WaitingConnection, PayloadStatus.Failed, PayloadStatus.Retrying, PayloadStatus.Dead,
    ];

    public static PayloadFilter Filter(string? status, string? sourceId, DateTime? from, DateTime? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !Statuses.Contains(status))
        {
            errors["status"] = ["must be one of " + string.Join(", ", Statuses)];
        }

        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["must not be after 'to'"];
        }

        return errors.Count > 0
            ? throw ApiException.Validation(errors)
            : new PayloadFilter { Status = status, SourceId = sourceId, ReceivedFrom = from?.ToUniversalTime(), ReceivedTo = to?.ToUniversalTime() };
    }

    public static PageRequest Page(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["must be 1 or more"];
        }

        if (pageSize is < 1 or > PageRequest.MaxPageSize)
        {
            errors["pageSize"] = [$"must be between 1 and {PageRequest.MaxPageSize}"];
        }

        return errors.Count > 0 ? throw ApiException.Validation(errors) : new PageRequest(page ?? 1, pageSize ?? 50);
    }
}
