using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.OpenApi;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// An organization's override. On update, absent fields keep their value. <see cref="SourceId"/> is a
/// <see cref="JsonElement"/> because absent (keep), <c>null</c> (all sources) and an id mean three things.
/// <see cref="OverrideId"/> is only read by <c>PUT …/overrides</c>: with it that override is updated, without it one is created.
/// <see cref="Version"/>, on an update, is the version the caller read: a save made meanwhile makes it 409 VERSION_CONFLICT
/// instead of being overwritten; without it the last save wins.
/// </summary>
internal sealed record OverrideRequest(
    string? OverrideId,
    string? Name,
    [property: OptionalMember] JsonElement SourceId,
    [property: FieldMappingsSchema] JsonNode? FieldMappings,
    [property: StaticValuesSchema] JsonNode? StaticValues,
    int? Priority,
    bool? IsActive,
    [property: EventActionsSchema] JsonNode? EventActions = null,
    string? Version = null);

internal sealed record OverrideView(
    string OverrideId,
    string OrganizationId,
    string? SourceId,
    string Name,
    [property: FieldMappingsSchema] JsonNode? FieldMappings,
    [property: StaticValuesSchema] JsonNode? StaticValues,
    [property: EventActionsSchema] JsonObject EventActions,
    int Priority,
    bool IsActive,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string Version)
{
    public static OverrideView From(ClientOverride o) => new(
        o.OverrideId, o.OrganizationId, o.SourceId, o.Name, JsonNode.Parse(o.FieldMappings), JsonNode.Parse(o.StaticValues),
        EventActionsInput.View(o.EventActions), o.Priority, o.IsActive, o.CreatedAt, o.UpdatedAt, o.Version);
}
