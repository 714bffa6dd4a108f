using AccountingIntegration.Infrastructure.Csv;

namespace AccountingIntegration.Features.Sync;

/// <summary>The sync log as CSV; request and response bodies stay out (the payload detail shows them).</summary>
internal static class SyncLogExport
{
    public const string Kind = "sync-logs";

    public static readonly ExportTable Table = new(
        "sync_logs",
        "log_id, created_at, organization_id, payload_id, source_id, status, attempt, qbo_request_id, qbo_invoice_id, error_code, error_message, duration_ms",
        "created_at", "log_id",
        string.Empty);

    public static readonly IReadOnlyList<CsvColumn<SyncLog>> Columns =
    [
        new("logId", l => l.LogId),
        new("createdAt", l => CsvCells.Time(l.CreatedAt)),
        new("organizationId", l => l.OrganizationId),
        new("payloadId", l => l.PayloadId),
        new("sourceId", l => l.SourceId),
        new("status", l => l.Status),
        new("attempt", l => CsvCells.Number(l.Attempt)),
        new("qboRequestId", l => l.QboRequestId),
        new("qboInvoiceId", l => l.QboInvoiceId),
        new("errorCode", l => l.ErrorCode),
        new("errorMessage", l => l.ErrorMessage),
        new("durationMs", l => CsvCells.Number(l.DurationMs)),
    ];

    public static ExportQuery<SyncLog> Query(ExportReader reader, SyncLogFilter f) =>
        reader.Query<SyncLog>(Table with { Where = SyncLogStore.Where(f) }, new { f.OrganizationId, f.Status, f.From, f.To }, l => (l.CreatedAt, l.LogId));
}
