using System.Text.Json.Nodes;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Webhooks;

namespace AccountingIntegration.Features.Admin.Mappings;

/// <summary>The whole source mapping: what is absent is empty (no rules, no static values, priority 0, active).</summary>
internal sealed record SourceMappingRequest(JsonNode? FieldMappings, JsonNode? StaticValues, int? Priority, bool? IsActive);

internal sealed record SourceMappingView(
    string MappingId, string SourceId, JsonNode? FieldMappings, JsonNode? StaticValues, int Priority, bool IsActive, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SourceMappingView From(SourceMapping m) => new(
        m.MappingId, m.SourceId, JsonNode.Parse(m.FieldMappings), JsonNode.Parse(m.StaticValues), m.Priority, m.IsActive, m.CreatedAt, m.UpdatedAt);
}

/// <summary>A source as operators see it (never its signing secret), with its own active mapping, if any.</summary>
internal sealed record OrganizationSourceView(
    string SourceId, string Name, string SourceType, string SignatureScheme, bool HasSigningSecret, string? EventIdPath, bool IsDefault,
    bool IsActive, DateTime CreatedAt, SourceMappingView? Mapping)
{
    public static OrganizationSourceView From(WebhookSource s, SourceMapping? mapping) => new(
        s.SourceId, s.Name, s.SourceType, s.SignatureScheme, s.SigningSecret is not null, s.EventIdPath, s.IsDefault, s.IsActive, s.CreatedAt,
        mapping is null ? null : SourceMappingView.From(mapping));
}
