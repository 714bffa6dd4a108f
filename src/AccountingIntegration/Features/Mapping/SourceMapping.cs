namespace AccountingIntegration.Features.Mapping;

/// <summary>The most specific mapping layer: one per organization and source (mapping_configurations).</summary>
internal sealed record SourceMapping
{
    /// <summary>The version of "no active mapping yet": what a caller that read none expects when it creates one.</summary>
    public const string NoVersion = "none";

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

    /// <summary>
    /// The version a reader saw, for an optimistic save: the active mapping's last change (UTC ticks), or
    /// <see cref="NoVersion"/> when there is no active mapping.
    /// </summary>
    public static string VersionOf(SourceMapping? mapping) =>
        mapping is { IsActive: true } ? mapping.UpdatedAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) : NoVersion;
}

/// <summary>A save was made against a version of the source mapping that is no longer the current one.</summary>
internal sealed class SourceMappingVersionConflictException(string currentVersion)
    : Exception($"The source mapping is at version {currentVersion}.")
{
    public string CurrentVersion { get; } = currentVersion;
}
