using AccountingIntegration.Features.Admin.Export;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks.Status;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Admin.System;

/// <summary>
/// Audit logs, sync logs and API usage across organizations, newest first. A page as JSON, or with
/// <c>?format=csv</c> or <c>Accept: text/csv</c> every matching row as a streamed CSV file (paging is then ignored).
/// </summary>
internal static class AdminLogEndpoints
{
    internal static async Task<Results<Ok<PagedResponse<AuditEntry>>, CsvFile<AuditEntry>>> ListAuditLogsAsync(
        HttpContext http, AuditLogStore store, Database database, AuditTrail audit, TimeProvider time,
        string? organizationId, string? category, string? action, string? actorId, DateTime? from, DateTime? to, int? page, int? pageSize, string? format,
        CancellationToken cancellationToken)
    {
        var filter = LogQuery.Audit(organizationId, category, action, actorId, from, to);
        var paging = PayloadQuery.Page(page, pageSize);
        if (CsvRequest.Wanted(http.Request, format))
        {
            return await AdminExports.AuditLogsAsync(http, database, audit, time, filter, cancellationToken);
        }

        var result = await store.QueryLogsAsync(filter, paging, cancellationToken);
        return TypedResults.Ok(new PagedResponse<AuditEntry>(result.Items, PaginationOf(result)));
    }

    internal static async Task<Results<Ok<PagedResponse<SyncLogView>>, CsvFile<SyncLog>>> ListSyncLogsAsync(
        HttpContext http, SyncLogStore store, Database database, AuditTrail audit, TimeProvider time,
        string? organizationId, string? status, DateTime? from, DateTime? to, int? page, int? pageSize, string? format, CancellationToken cancellationToken)
    {
        var filter = LogQuery.SyncLogs(organizationId, status, from, to);
        var paging = PayloadQuery.Page(page, pageSize);
        if (CsvRequest.Wanted(http.Request, format))
        {
            return await AdminExports.SyncLogsAsync(http, database, audit, time, filter, cancellationToken);
        }

        var result = await store.ListAsync(filter, paging, cancellationToken);
        return TypedResults.Ok(new PagedResponse<SyncLogView>([.. result.Items.Select(SyncLogView.From)], PaginationOf(result)));
    }

    internal static async Task<Results<Ok<PagedResponse<ApiUsageEntry>>, CsvFile<ApiUsageEntry>>> ListUsageAsync(
        HttpContext http, ApiUsageStore store, Database database, AuditTrail audit, TimeProvider time,
        string? organizationId, string? apiKeyId, DateTime? from, DateTime? to, int? page, int? pageSize, string? format, CancellationToken cancellationToken)
    {
        var filter = LogQuery.Usage(organizationId, apiKeyId, from, to);
        var paging = PayloadQuery.Page(page, pageSize);
        if (CsvRequest.Wanted(http.Request, format))
        {
            return await AdminExports.UsageAsync(http, database, audit, time, filter, cancellationToken);
        }

        var result = await store.QueryAsync(filter, paging, cancellationToken);
        return TypedResults.Ok(new PagedResponse<ApiUsageEntry>(result.Items, PaginationOf(result)));
    }

    private static Pagination PaginationOf<T>(Page<T> page) => new(page.Request.Page, page.Request.PageSize, page.Total);
}
