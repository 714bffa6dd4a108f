using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>The whole source mapping: what is absent is empty (no rules, no static values, no event actions, priority 0, active).</summary>
internal sealed record SourceMappingRequest(
    [property: FieldMappingsSchema] JsonNode? FieldMappings,
    [property: StaticValuesSchema] JsonNode? StaticValues,
    int? Priority,
    bool? IsActive,
    [property: EventActionsSchema] JsonNode? EventActions = null,
    [property: System.ComponentModel.Description(
        "Optional: the `version` you read (\"none\" when there was no mapping). When given, a save made by someone else since is refused with 409 VERSION_CONFLICT instead of being overwritten.")]
    string? Version = null);

internal sealed record SourceMappingView(
    string MappingId,
    string SourceId,
    [property: FieldMappingsSchema] JsonNode? FieldMappings,
    [property: StaticValuesSchema] JsonNode? StaticValues,
    [property: EventActionsSchema] JsonObject EventActions,
    int Priority,
    bool IsActive,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    [property: System.ComponentModel.Description("What to send back as `version` on the next save, so a save made meanwhile is not overwritten.")]
    string Version)
{
    public static SourceMappingView From(SourceMapping m) => new(
        m.MappingId, m.SourceId, JsonNode.Parse(m.FieldMappings), JsonNode.Parse(m.StaticValues), EventActionsInput.View(m.EventActions),
        m.Priority, m.IsActive, m.CreatedAt, m.UpdatedAt, SourceMapping.VersionOf(m));
}
