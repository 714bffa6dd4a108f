using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks;

namespace AccountingIntegration.Features.Admin.Export;

/// <summary>
/// The columns of each export. Bodies (raw payloads, QBO requests and responses) stay out: they
/// are large, and the payload detail route shows them one at a time.
/// </summary>
internal static class ExportColumns
{
    public static readonly IReadOnlyList<CsvColumn<AuditEntry>> Audit =
    [
        new("logId", e => e.LogId),
        new("timestamp", e => CsvCells.Time(e.Timestamp)),
        new("organizationId", e => e.OrganizationId),
        new("actorType", e => e.ActorType),
        new("actorId", e => e.ActorId),
        new("category", e => e.Category),
        new("action", e => e.Action),
        new("targetType", e => e.TargetType),
        new("targetId", e => e.TargetId),
        new("details", e => e.Details.ToJsonString()),
        new("ip", e => e.Ip),
    ];

    public static readonly IReadOnlyList<CsvColumn<SyncLog>> SyncLogs =
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

    public static readonly IReadOnlyList<CsvColumn<WebhookPayloadSummary>> Payloads =
    [
        new("payloadId", p => p.PayloadId),
        new("receivedAt", p => CsvCells.Time(p.ReceivedAt)),
        new("organizationId", p => p.OrganizationId),
        new("sourceId", p => p.SourceId),
        new("apiKeyId", p => p.ApiKeyId),
        new("eventKey", p => p.EventKey),
        new("status", p => p.Status),
        new("attempts", p => CsvCells.Number(p.Attempts)),
        new("processed", p => CsvCells.Flag(p.Processed)),
        new("invoiceId", p => p.InvoiceId),
        new("lastError", p => p.LastError),
        new("nextAttemptAt", p => CsvCells.Time(p.NextAttemptAt)),
        new("completedAt", p => CsvCells.Time(p.CompletedAt)),
    ];

    public static readonly IReadOnlyList<CsvColumn<ApiUsageEntry>> Usage =
    [
        new("logId", u => u.LogId),
        new("timestamp", u => CsvCells.Time(u.Timestamp)),
        new("organizationId", u => u.OrganizationId),
        new("apiKeyId", u => u.ApiKeyId),
        new("endpoint", u => u.Endpoint),
        new("method", u => u.Method),
        new("statusCode", u => CsvCells.Number(u.StatusCode)),
        new("durationMs", u => CsvCells.Number(u.DurationMs)),
    ];
}
