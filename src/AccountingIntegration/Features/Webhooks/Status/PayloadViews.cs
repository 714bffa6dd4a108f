using AccountingIntegration.Features.Sync;

namespace AccountingIntegration.Features.Webhooks.Status;

/// <summary>One payload in a list.</summary>
internal sealed record PayloadSummaryView(
    string PayloadId, string OrganizationId, string SourceId, string Status, int Attempts, bool Processed, string? InvoiceId,
    string? LastError, DateTime ReceivedAt, DateTime? NextAttemptAt, DateTime? CompletedAt, string? EventType = null, bool Duplicate = false)
{
    public static PayloadSummaryView From(WebhookPayloadSummary p) =>
        new(p.PayloadId, p.OrganizationId, p.SourceId, p.Status, p.Attempts, p.Processed, p.InvoiceId, p.LastError, p.ReceivedAt, p.NextAttemptAt, p.CompletedAt,
            p.EventType);
}

/// <summary>One payload in full: its state, every attempt's sync log, and the body as received.</summary>
internal sealed record PayloadDetailView(PayloadSummaryView Payload, string? EventKey, IReadOnlyList<SyncLog> SyncLogs, string RawPayload);
