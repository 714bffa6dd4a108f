using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Csv;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Usage;

/// <summary>
/// <c>/api/admin/usage</c>: metered API requests across organizations, newest first, as a JSON page
/// or (with <c>?format=csv</c>, <c>Accept: text/csv</c>, or at <c>/export</c>) a streamed CSV file.
/// </summary>
internal static class UsageEndpoints
{
    public static RouteGroupBuilder MapApiUsage(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/usage", "Admin Logs")
            // A bad filter or page, or a CSV export matching more rows than one file may hold.
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, CsvExport.TooLarge);
        group.MapGet("", ListAsync).WithName("ListApiUsage");
        group.MapGet("/export", ExportAsync).WithName("ExportUsage");
        return group;
    }

    internal static async Task<Results<Ok<PagedResponse<ApiUsageEntry>>, CsvFile<ApiUsageEntry>>> ListAsync(
        HttpContext http, ApiUsageStore store, AuditTrail audit, ExportReader exports, TimeProvider time,
        string? organizationId, string? apiKeyId, DateTime? from, DateTime? to, int? page, int? pageSize, string? format, CancellationToken cancellationToken)
    {
        var filter = Filter(organizationId, apiKeyId, from, to);
        var paging = ListQuery.Page(page, pageSize);
        if (CsvRequest.Wanted(http.Request, format))
        {
            return await CsvAsync(http, audit, exports, time, filter, cancellationToken);
        }

        return TypedResults.Ok((await store.ListAsync(filter, paging, cancellationToken)).ToResponse());
    }

    internal static Task<CsvFile<ApiUsageEntry>> ExportAsync(
        HttpContext http, AuditTrail audit, ExportReader exports, TimeProvider time,
        string? organizationId, string? apiKeyId, DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        CsvAsync(http, audit, exports, time, Filter(organizationId, apiKeyId, from, to), cancellationToken);

    private static Task<CsvFile<ApiUsageEntry>> CsvAsync(
        HttpContext http, AuditTrail audit, ExportReader exports, TimeProvider time, UsageFilter filter, CancellationToken cancellationToken) =>
        CsvExport.PrepareAsync(http, time, UsageExport.Kind, UsageExport.Columns, UsageExport.Query(exports, filter), cancellationToken)
            .AuditedAsync(audit, http, UsageExport.Kind, filter.OrganizationId, cancellationToken);

    private static UsageFilter Filter(string? organizationId, string? apiKeyId, DateTime? from, DateTime? to)
    {
        ListQuery.CheckRange(from, to, []);
        return new UsageFilter { OrganizationId = organizationId, ApiKeyId = apiKeyId, From = from?.ToUniversalTime(), To = to?.ToUniversalTime() };
    }
}
