namespace AccountingIntegration.Features.Webhooks;

/// <summary>A payload's processing state without its body, for lists.</summary>
internal record WebhookPayloadSummary
{
    public required string PayloadId { get; init; }

    public DateTime ReceivedAt { get; init; }

    public required string OrganizationId { get; init; }

    public required string SourceId { get; init; }

    public string? ApiKeyId { get; init; }

    public string? EventKey { get; init; }

    /// <summary>The event the delivery said it was, as read on arrival.</summary>
    public string? EventType { get; init; }

    public required string Status { get; init; }

    public int Attempts { get; init; }

    public DateTime? NextAttemptAt { get; init; }

    public DateTime? LeaseUntil { get; init; }

    public bool Processed { get; init; }

    public string? InvoiceId { get; init; }

    public string? LastError { get; init; }

    public DateTime? CompletedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}
