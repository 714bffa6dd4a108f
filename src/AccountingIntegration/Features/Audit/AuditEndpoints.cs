using AccountingIntegration.Infrastructure.Csv;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Audit;

/// <summary>
/// <c>/api/admin/audit-logs</c>: the audit trail across organizations, newest first. A page as JSON,
/// or with <c>?format=csv</c> or <c>Accept: text/csv</c> (and always at <c>/export</c>) every matching
/// row as a streamed CSV file.
/// </summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/audit-logs", "Admin Logs")
            // A bad filter or page, or a CSV export matching more rows than one file may hold.
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, CsvExport.TooLarge);
        group.MapGet("", ListAsync).WithName("ListAuditLogs");
        group.MapGet("/export", ExportAsync).WithName("ExportAuditLogs");
        return group;
    }

    internal static async Task<Results<Ok<PagedResponse<AuditEntry>>, CsvFile<AuditEntry>>> ListAsync(
        HttpContext http, AuditLogStore store, AuditTrail audit, ExportReader exports, TimeProvider time,
        string? organizationId, string? category, string? action, string? actorId, DateTime? from, DateTime? to, int? page, int? pageSize, string? format,
        CancellationToken cancellationToken)
    {
        var filter = Filter(organizationId, category, action, actorId, from, to);
        var paging = ListQuery.Page(page, pageSize);
        if (CsvRequest.Wanted(http.Request, format))
        {
            return await CsvAsync(http, audit, exports, time, filter, cancellationToken);
        }

        return TypedResults.Ok((await store.ListAsync(filter, paging, cancellationToken)).ToResponse());
    }

    internal static Task<CsvFile<AuditEntry>> ExportAsync(
        HttpContext http, AuditTrail audit, ExportReader exports, TimeProvider time,
        string? organizationId, string? category, string? action, string? actorId, DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        CsvAsync(http, audit, exports, time, Filter(organizationId, category, action, actorId, from, to), cancellationToken);

    private static Task<CsvFile<AuditEntry>> CsvAsync(
        HttpContext http, AuditTrail audit, ExportReader exports, TimeProvider time, AuditFilter filter, CancellationToken cancellationToken) =>
        CsvExport.PrepareAsync(http, time, AuditExport.Kind, AuditExport.Columns, AuditExport.Query(exports, filter), cancellationToken)
            .AuditedAsync(audit, http, AuditExport.Kind, filter.OrganizationId, cancellationToken);

    private static AuditFilter Filter(string? organizationId, string? category, string? action, string? actorId, DateTime? from, DateTime? to)
    {
        ListQuery.CheckRange(from, to, []);
        return new AuditFilter
        {
            OrganizationId = organizationId, Category = category, Action = action, ActorId = actorId,
            From = from?.ToUniversalTime(), To = to?.ToUniversalTime(),
        };
    }
}
