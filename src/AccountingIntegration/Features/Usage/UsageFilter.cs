namespace AccountingIntegration.Features.Usage;

/// <summary>Optional filters of API usage; null means "any". The time range is [from, to).</summary>
internal sealed record UsageFilter
{
    public string? OrganizationId { get; init; }

    public string? ApiKeyId { get; init; }

    public DateTime? From { get; init; }

    public DateTime? To { get; init; }
}
