namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// A global mapping layer for every organization's sources of one type. Field mappings and
/// static values are JSON text, kept byte-exact; the mapping engine parses them.
/// </summary>
internal sealed record MappingTemplate
{
    public required string TemplateId { get; init; }

    public required string Name { get; init; }

    public required string SourceType { get; init; }

    public string? Description { get; init; }

    public required string FieldMappings { get; init; }

    public required string StaticValues { get; init; }

    /// <summary>Event type (or meaning) → document choice, JSON text; null means none.</summary>
    public string? EventActions { get; init; }

    public int Priority { get; init; }

    /// <summary>Bumped by every change; updates name the version they read (optimistic concurrency).</summary>
    public int Version { get; init; }

    public bool IsActive { get; init; } = true;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}
