using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// A global mapping template shipped with the service. The service installs these as
/// <c>global_mapping_templates</c> rows; they apply to every source of <see cref="SourceType"/>.
/// <see cref="EventActions"/> maps an event type (or meaning: sale, payment, refund, cancellation) to an action
/// name (auto, invoice, sales_receipt…), stored as the layer's <c>eventActions</c>.
/// </summary>
public sealed record BuiltInTemplate(
    string Name,
    string SourceType,
    int Priority,
    IReadOnlyList<FieldMapping> FieldMappings,
    IReadOnlyDictionary<string, JsonNode?> StaticValues,
    string Description,
    IReadOnlyDictionary<string, string> EventActions)
{
    /// <summary>
    /// Names this template was shipped under before: an installed template of the same source type with one of
    /// them is this template, so an upgrade renames it in place instead of adding a second one.
    /// </summary>
    public IReadOnlyList<string> PreviousNames { get; init; } = [];
}
