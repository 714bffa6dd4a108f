namespace AccountingIntegration.Features.Audit;

/// <summary>Optional filters of the audit log; null means "any". The time range is [from, to).</summary>
internal sealed record AuditFilter
{
    public string? OrganizationId { get; init; }

    public string? Category { get; init; }

    public string? Action { get; init; }

    public string? ActorId { get; init; }

    public DateTime? From { get; init; }

    public DateTime? To { get; init; }
}
