using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// One rule of a mapping layer: where a QBO invoice field takes its value from.
/// Stored as JSON (camelCase) in the layer's <c>field_mappings</c> column; see <see cref="MappingJson"/>.
/// </summary>
/// <param name="QboField">Path into the QBO invoice (<c>DocNumber</c>, <c>Line[].Amount</c>) or the special <c>Line</c>.</param>
/// <param name="SourceField">Path into the payload; inside a line it is relative to the line's element.</param>
/// <param name="Transformation">Pipeline of steps, <c>step|step:arg:arg</c>.</param>
/// <param name="Required">When the final value is empty the draft reports <c>REQUIRED_FIELD_MISSING</c>.</param>
/// <param name="DefaultValue">Used when the value is still empty after the pipeline.</param>
/// <param name="Disabled">Removes whatever an earlier layer mapped to the same QBO field.</param>
public sealed record FieldMapping(
    string QboField,
    string? SourceField = null,
    string? Transformation = null,
    bool Required = false,
    JsonNode? DefaultValue = null,
    bool Disabled = false);
