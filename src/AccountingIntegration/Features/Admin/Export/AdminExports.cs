using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Admin.Export;

/// <summary>
/// Builds the CSV download of a filtered log, shared by the <c>/export</c> routes and the list
/// routes' <c>?format=csv</c>. A filter matching more than <see cref="ExportLimits.MaxRows"/> is
/// refused before anything is written, rather than cut short in a file that looks complete.
/// </summary>
internal static class AdminExports
{
    public const string TooLarge = "EXPORT_TOO_LARGE";

    public static Task<CsvFile<AuditEntry>> AuditLogsAsync(HttpContext http, Database database, AuditTrail audit, TimeProvider time, AuditFilter filter, CancellationToken cancellationToken) =>
        BuildAsync(http, audit, time, "audit-logs", filter.OrganizationId, ExportColumns.Audit, new ExportStore(database).Audit(filter), cancellationToken);

    public static Task<CsvFile<SyncLog>> SyncLogsAsync(HttpContext http, Database database, AuditTrail audit, TimeProvider time, SyncLogFilter filter, CancellationToken cancellationToken) =>
        BuildAsync(http, audit, time, "sync-logs", filter.OrganizationId, ExportColumns.SyncLogs, new ExportStore(database).SyncLogs(filter), cancellationToken);

    public static Task<CsvFile<WebhookPayloadSummary>> PayloadsAsync(
        HttpContext http, Database database, AuditTrail audit, TimeProvider time, string? organizationId, PayloadFilter filter, CancellationToken cancellationToken) =>
        BuildAsync(http, audit, time, "payloads", organizationId, ExportColumns.Payloads, new ExportStore(database).Payloads(organizationId, filter), cancellationToken);

    public static Task<CsvFile<ApiUsageEntry>> UsageAsync(HttpContext http, Database database, AuditTrail audit, TimeProvider time, UsageFilter filter, CancellationToken cancellationToken) =>
        BuildAsync(http, audit, time, "usage", filter.OrganizationId, ExportColumns.Usage, new ExportStore(database).Usage(filter), cancellationToken);

    private static async Task<CsvFile<T>> BuildAsync<T>(
        HttpContext http, AuditTrail audit, TimeProvider time, string kind, string? organizationId, IReadOnlyList<CsvColumn<T>> columns, ExportQuery<T> query,
        CancellationToken cancellationToken)
    {
        var limits = ExportLimits.For(http);
        if (await query.CountAsync(limits.MaxRows + 1, cancellationToken) > limits.MaxRows)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, TooLarge,
                $"More than {limits.MaxRows} rows match. Narrow the filter (from, to, organizationId) and export in parts.");
        }

        // Reading is not a write, but a bulk download of logs is exactly what an audit trail should show.
        await AdminAudit.RecordAsync(audit, http, organizationId, "export", "export.downloaded", "export", kind,
            new JsonObject { ["kind"] = kind, ["query"] = http.Request.QueryString.Value }, cancellationToken);
        var fileName = $"{kind}-{time.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.csv";
        return new CsvFile<T>(fileName, columns, token => query.PagesAsync(limits, token));
    }
}
