using AccountingIntegration.Features.Admin.System;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Status;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Admin.Export;

/// <summary>
/// <c>/api/admin/{audit-logs|sync-logs|payloads|usage}/export</c>: always CSV, with the same
/// filters as the lists. The payload list's own route belongs to the webhook feature; its export is here.
/// </summary>
internal static class AdminExportEndpoints
{
    public static RouteGroupBuilder MapAdminExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin").WithTags("Admin Exports").RequireAuthorization(SecurityExtensions.ViewerPolicy);
        group.MapGet("/audit-logs/export", ExportAuditLogsAsync).WithName("ExportAuditLogs");
        group.MapGet("/sync-logs/export", ExportSyncLogsAsync).WithName("ExportSyncLogs");
        group.MapGet("/payloads/export", ExportPayloadsAsync).WithName("ExportPayloads");
        group.MapGet("/usage/export", ExportUsageAsync).WithName("ExportUsage");
        return group;
    }

    internal static Task<CsvFile<AuditEntry>> ExportAuditLogsAsync(
        HttpContext http, Database database, AuditTrail audit, TimeProvider time,
        string? organizationId, string? category, string? action, string? actorId, DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        AdminExports.AuditLogsAsync(http, database, audit, time, LogQuery.Audit(organizationId, category, action, actorId, from, to), cancellationToken);

    internal static Task<CsvFile<SyncLog>> ExportSyncLogsAsync(
        HttpContext http, Database database, AuditTrail audit, TimeProvider time,
        string? organizationId, string? status, DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        AdminExports.SyncLogsAsync(http, database, audit, time, LogQuery.SyncLogs(organizationId, status, from, to), cancellationToken);

    internal static Task<CsvFile<WebhookPayloadSummary>> ExportPayloadsAsync(
        HttpContext http, Database database, AuditTrail audit, TimeProvider time,
        string? organizationId, string? status, string? sourceId, DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        AdminExports.PayloadsAsync(http, database, audit, time, organizationId, PayloadQuery.Filter(status, sourceId, from, to), cancellationToken);

    internal static Task<CsvFile<ApiUsageEntry>> ExportUsageAsync(
        HttpContext http, Database database, AuditTrail audit, TimeProvider time,
        string? organizationId, string? apiKeyId, DateTime? from, DateTime? to, CancellationToken cancellationToken) =>
        AdminExports.UsageAsync(http, database, audit, time, LogQuery.Usage(organizationId, apiKeyId, from, to), cancellationToken);
}
