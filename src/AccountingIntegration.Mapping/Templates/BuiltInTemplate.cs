using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// A global mapping template shipped with the service. The service installs these as
/// <c>global_mapping_templates</c> rows; they apply to every source of <see cref="SourceType"/>.
/// </summary>
public sealed record BuiltInTemplate(
    string Name,
    string SourceType,
    int Priority,
    IReadOnlyList<FieldMapping> FieldMappings,
    IReadOnlyDictionary<string, JsonNode?> StaticValues,
    string Description);
