using AccountingIntegration.Infrastructure.Csv;

namespace AccountingIntegration.Features.Webhooks.Status;

/// <summary>Payloads as CSV, without their bodies (the payload detail route shows one at a time).</summary>
internal static class PayloadExport
{
    public const string Kind = "payloads";

    /// <summary>The payload table; its filter is the payload lists' (<see cref="PayloadConditions.Where"/>), made of the filters given.</summary>
    public static readonly ExportTable Table = new(
        "webhook_payloads",
        "payload_id, received_at, organization_id, source_id, api_key_id, event_key, status, attempts, next_attempt_at, lease_until, processed, invoice_id, last_error, completed_at, updated_at",
        "received_at", "payload_id",
        string.Empty);

    public static readonly IReadOnlyList<CsvColumn<WebhookPayloadSummary>> Columns =
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

    public static ExportQuery<WebhookPayloadSummary> Query(ExportReader reader, string? organizationId, PayloadFilter f) =>
        reader.Query<WebhookPayloadSummary>(
            Table with { Where = PayloadConditions.Where(organizationId, f) },
            new { OrganizationId = organizationId, f.Status, f.SourceId, f.ReceivedFrom, f.ReceivedTo }, p => (p.ReceivedAt, p.PayloadId));
}
