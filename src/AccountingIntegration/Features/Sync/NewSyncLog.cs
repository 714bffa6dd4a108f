namespace AccountingIntegration.Features.Sync;

/// <summary>The start of a sync attempt; the store assigns the id and the creation time.</summary>
internal sealed record NewSyncLog
{
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
