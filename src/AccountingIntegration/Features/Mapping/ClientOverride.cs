namespace AccountingIntegration.Features.Mapping;

/// <summary>An organization's mapping layer for one source, or for all its sources when <see cref="SourceId"/> is null.</summary>
internal sealed record ClientOverride
{
    public required string OverrideId { get; init; }

    public required string OrganizationId { get; init; }

    public string? SourceId { get; init; }

    public required string Name { get; init; }

    public required string FieldMappings { get; init; }

    public required string StaticValues { get; init; }

    /// <summary>Event type (or meaning) → document choice, JSON text; null means none.</summary>
    public string? EventActions { get; init; }

    public int Priority { get; init; }

    public bool IsActive { get; init; } = true;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>
    /// The version a reader saw, for an optimistic save: the last change's time (UTC ticks, as stored). Every update
    /// moves it forward, at least by the stored precision, so two saves never share one.
    /// </summary>
    public string Version => UpdatedAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
