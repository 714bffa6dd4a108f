namespace AccountingIntegration.Features.Mapping;

/// <summary>The most specific mapping layer: one per organization and source (mapping_configurations).</summary>
internal sealed record SourceMapping
{
    public required string MappingId { get; init; }

    public required string OrganizationId { get; init; }

    public required string SourceId { get; init; }

    public required string FieldMappings { get; init; }

    public required string StaticValues { get; init; }

    /// <summary>Event type (or meaning) → document choice, JSON text; null means none.</summary>
    public string? EventActions { get; init; }

    public int Priority { get; init; }

    public bool IsActive { get; init; } = true;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}
