using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Csv;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Sync;

/// <summary>
/// <c>/api/admin/sync-logs</c>: every processing attempt across organizations, newest first, as a
/// JSON page or (with <c>?format=csv</c>, <c>Accept: text/csv</c>, or at <c>/export</c>) a streamed CSV file.
/// </summary>
internal static class SyncEndpoints
{
    public static RouteGroupBuilder MapSync(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/sync-logs", "Admin Logs")
            // A bad filter or page, or a CSV export matching more rows than one file may hold.
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, CsvExport.TooLarge);
        group.MapGet("", ListAsync).WithName("ListSyncLogs");
        group.MapGet("/export", ExportAsync).WithName("ExportSyncLogs");
        return group;
    }

    internal static async Task<Results<Ok<PagedResponse<SyncLogView>>, CsvFile<SyncLog>>> ListAsync(
        HttpContext http, SyncLogStore store, AuditTrail audit, ExportReader exports, TimeProvider time,
        string? organizationId, string? status, DateTime? from, DateTime? to, int? page, int? pageSize, string? format, CancellationToken cancellationToken)
    {
        var filter = Filter(organizationId, status, from, to);
        var paging = ListQuery.Page(page, pageSize);
        if (CsvRequest.Wanted(http.Request, format))
        {
            return await CsvAsync(http, audit, exports, time, filter, cancellationToken);
        }

        return TypedResults.Ok((await store.ListAsync(filter, paging, cancellationToken)).ToResponse(SyncLogView.From));
    }

    internal static Task<CsvFile<SyncLog>> ExportAsync(
        HttpContext http, AuditTrail audit, ExportReader exports, TimeProvider time,
        string? organizationId, string? status, DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        CsvAsync(http, audit, exports, time, Filter(organizationId, status, from, to), cancellationToken);

    private static Task<CsvFile<SyncLog>> CsvAsync(
        HttpContext http, AuditTrail audit, ExportReader exports, TimeProvider time, SyncLogFilter filter, CancellationToken cancellationToken) =>
        CsvExport.PrepareAsync(http, time, SyncLogExport.Kind, SyncLogExport.Columns, SyncLogExport.Query(exports, filter), cancellationToken)
            .AuditedAsync(audit, http, SyncLogExport.Kind, filter.OrganizationId, cancellationToken);

    private static SyncLogFilter Filter(string? organizationId, string? status, DateTime? from, DateTime? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !SyncLogStatuses.All.Contains(status))
        {
            errors["status"] = ["must be one of " + string.Join(", ", SyncLogStatuses.All)];
        }

        ListQuery.CheckRange(from, to, errors);
        return new SyncLogFilter { OrganizationId = organizationId, Status = status, From = from?.ToUniversalTime(), To = to?.ToUniversalTime() };
    }
}
