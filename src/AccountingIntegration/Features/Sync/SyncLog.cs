namespace AccountingIntegration.Features.Sync;

/// <summary>
/// One attempt to turn a payload into a QBO invoice. The key is (log_id, created_at) because the
/// table is partitioned by month on created_at. Request and response bodies are JSON text.
/// </summary>
internal sealed record SyncLog
{
    public required string LogId { get; init; }

    public DateTime CreatedAt { get; init; }

    public required string OrganizationId { get; init; }

    public required string PayloadId { get; init; }

    public string? SourceId { get; init; }

    public required string Status { get; init; }

    public int Attempt { get; init; }

    public string? QboRequestId { get; init; }

    public string? QboInvoiceId { get; init; }

    public string? RequestPayload { get; init; }

    public string? ResponsePayload { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public int DurationMs { get; init; }
}
