using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Webhooks.Status;

/// <summary>Operators: search payloads across organizations, and replay many at once by filter.</summary>
internal static class AdminPayloadEndpoints
{
    public const int MaxBulkReplay = 1000;

    public static RouteGroupBuilder MapAdminPayloadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/payloads").WithTags("Admin Payloads").RequireAuthorization(SecurityExtensions.ViewerPolicy);
        group.MapGet("", SearchAsync).WithName("SearchPayloads");
        group.MapPost("/replay", BulkReplayAsync).WithName("BulkReplayPayloads").RequireAuthorization(SecurityExtensions.AdminPolicy);
        return group;
    }

    internal static async Task<Ok<PagedResponse<PayloadSummaryView>>> SearchAsync(
        WebhookStore webhooks, string? organizationId, string? status, string? sourceId, DateTime? from, DateTime? to, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var result = await webhooks.SearchPayloadsAsync(organizationId, PayloadQuery.Filter(status, sourceId, from, to), PayloadQuery.Page(page, pageSize), cancellationToken);
        return TypedResults.Ok(new PagedResponse<PayloadSummaryView>(
            result.Items.Select(PayloadSummaryView.From).ToList(), new Pagination(result.Request.Page, result.Request.PageSize, result.Total)));
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

        var filter = PayloadQuery.Filter(request.Status, request.SourceId, request.ReceivedFrom, request.ReceivedTo);
        var matches = await webhooks.SearchPayloadsAsync(request.OrganizationId, filter, new PageRequest(1, PageRequest.MaxPageSize), cancellationToken);
        var replayed = new List<string>();
        var actor = http.User.FindFirst("sub")?.Value ?? "admin";
        var limit = request.Limit ?? MaxBulkReplay;
        var page = 1;
        while (matches.Items.Count > 0 && replayed.Count < limit)
        {
            foreach (var payload in matches.Items.TakeWhile(_ => replayed.Count < limit))
            {
                await replayer.ReplayAsync(payload.OrganizationId, payload.PayloadId, "admin", actor, http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
                replayed.Add(payload.PayloadId);
            }

            // Replayed rows leave the filter (their status changed), so the next first page holds the next ones.
            matches = await webhooks.SearchPayloadsAsync(request.OrganizationId, filter, new PageRequest(1, PageRequest.MaxPageSize), cancellationToken);
            if (++page > (MaxBulkReplay / PageRequest.MaxPageSize) + 1)
            {
                break;
            }
        }

        return TypedResults.Ok(ApiResponse.Of(new BulkReplayResult(replayed.Count, replayed)));
    }

    internal sealed record BulkReplayRequest(string? Status, string? OrganizationId, string? SourceId, DateTime? ReceivedFrom, DateTime? ReceivedTo, int? Limit);

    internal sealed record BulkReplayResult(int Replayed, IReadOnlyList<string> PayloadIds);
}
