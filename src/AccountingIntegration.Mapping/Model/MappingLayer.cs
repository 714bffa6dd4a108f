using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>One stored layer: a global template, an organization override or a source's own mapping.</summary>
public sealed record MappingLayer(
    string Id,
    LayerKind Kind,
    int Priority,
    DateTime CreatedAtUtc,
    IReadOnlyList<FieldMapping> FieldMappings,
    IReadOnlyDictionary<string, JsonNode?> StaticValues);
