namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>The 202 for a webhook: the payload is durable and queued (or was already known).</summary>
internal sealed record WebhookAccepted(string PayloadId, string Status, bool Duplicate, DateTime ReceivedAt);

/// <summary>The answer to <c>?wait=N</c>: the seed's process_webhook shape, plus the status.</summary>
internal sealed record WebhookResult(string PayloadId, bool Processed, string? InvoiceId, string? LogId, string? Reason, string Status, bool Duplicate);
