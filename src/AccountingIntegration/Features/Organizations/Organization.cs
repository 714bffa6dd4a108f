using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Organizations;

/// <summary>A tenant: a client organization whose webhooks become invoices in its QBO company.</summary>
internal sealed record Organization
{
    public required string OrganizationId { get; init; }

    public required string Name { get; init; }

    public required string Slug { get; init; }

    public required string PlanTier { get; init; }

    public bool IsActive { get; init; } = true;

    public JsonObject Settings { get; init; } = [];

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>Moved by every write of the row; a write lands only on the version it read (M0025).</summary>
    public int RowVersion { get; init; }
}

/// <summary>An organization as it was read and as a change wrote it.</summary>
internal sealed record OrganizationChange(Organization Before, Organization After);
