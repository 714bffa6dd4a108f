using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AccountingIntegration.Features.Mapping.Admin;

internal sealed record CreateTemplateRequest(
    string? Name,
    string? SourceType,
    string? Description,
    [property: FieldMappingsSchema] JsonNode? FieldMappings,
    [property: StaticValuesSchema] JsonNode? StaticValues,
    int? Priority,
    [property: EventActionsSchema] JsonNode? EventActions = null);

/// <summary>A partial update: absent fields keep their value; <see cref="Version"/> is the version the operator read.</summary>
internal sealed record UpdateTemplateRequest(
    int? Version,
    string? Name,
    string? SourceType,
    string? Description,
    [property: FieldMappingsSchema] JsonNode? FieldMappings,
    [property: StaticValuesSchema] JsonNode? StaticValues,
    int? Priority,
    bool? IsActive,
    [property: EventActionsSchema] JsonNode? EventActions = null);

/// <summary>A template as stored: the layer's JSON is shown exactly as it is kept, in the request's shape.</summary>
internal sealed record TemplateView(
    string TemplateId,
    string Name,
    string SourceType,
    string? Description,
    [property: FieldMappingsSchema] JsonNode? FieldMappings,
    [property: StaticValuesSchema] JsonNode? StaticValues,
    [property: EventActionsSchema] JsonObject EventActions,
    int Priority,
    int Version,
    bool IsActive,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static TemplateView From(MappingTemplate t) => new(
        t.TemplateId, t.Name, t.SourceType, t.Description, JsonNode.Parse(t.FieldMappings), JsonNode.Parse(t.StaticValues),
        EventActionsInput.View(t.EventActions), t.Priority, t.Version, t.IsActive, t.CreatedAt, t.UpdatedAt);
}

internal static partial class TemplateRules
{
    /// <summary>Name, source type and description; on update only what the request carries.</summary>
    public static void Check(string? name, string? sourceType, string? description, bool creating, ValidationErrors errors)
    {
        if ((creating || name is not null) && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200))
        {
            errors.Add("name", "is required, at most 200 characters");
        }

        // The same shape webhook sources use, so a template's type can match a source's.
        if ((creating || sourceType is not null) && (sourceType is null || !SourceTypePattern().IsMatch(sourceType)))
        {
            errors.Add("sourceType", "is required: 1-50 characters of a-z, 0-9, '-', '_' (e.g. stripe, shopify, generic)");
        }

        if (description is { Length: > 1000 })
        {
            errors.Add("description", "at most 1000 characters");
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex SourceTypePattern();
}
