using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.Csv;

namespace AccountingIntegration.Features.Audit;

/// <summary>
/// Every CSV download of a log is audited: reading is not a write, but a bulk download is exactly
/// what an audit trail should show.
/// </summary>
internal static class ExportAudit
{
    public static async Task<CsvFile<T>> AuditedAsync<T>(
        this Task<CsvFile<T>> prepared, AuditTrail audit, HttpContext http, string kind, string? organizationId, CancellationToken cancellationToken)
    {
        var file = await prepared;
        await audit.RecordAsync(AuditActor.Operator(http), new AuditAction("export", "export.downloaded")
        {
            OrganizationId = organizationId,
            TargetType = "export",
            TargetId = kind,
            Details = new JsonObject { ["kind"] = kind, ["query"] = http.Request.QueryString.Value },
        }, cancellationToken);
        return file;
    }
}
