namespace AccountingIntegration.Features.Sync;

/// <summary>Optional filters of the sync log; null means "any". The time range is [from, to).</summary>
internal sealed record SyncLogFilter
{
    public string? OrganizationId { get; init; }

    public string? Status { get; init; }

    public DateTime? From { get; init; }

    public DateTime? To { get; init; }
}
