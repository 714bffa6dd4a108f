namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>A payload a worker leased: process it before <see cref="LeaseUntil"/> or another worker may take it.</summary>
internal sealed record QueueClaim
{
    public required string PayloadId { get; init; }

    public required string OrganizationId { get; init; }

    public DateTime ReceivedAt { get; init; }

    /// <summary>This attempt's number, 1 for the first.</summary>
    public int Attempts { get; init; }

    public DateTime LeaseUntil { get; init; }

    /// <summary>Who holds the lease: its outcome is written only while the entry is still this owner's.</summary>
    public string LeaseOwner { get; init; } = "";

    /// <summary>The delivering request's W3C trace context; null for a replay or when no trace was recorded.</summary>
    public string? TraceParent { get; init; }
}
