using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// A layer's <c>fieldMappings</c> as the API takes and shows them: the engine's <see cref="FieldMapping"/>
/// rules. The records keep them as <c>JsonNode</c> so that <see cref="LayerInput"/> can name each bad entry.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class FieldMappingsSchemaAttribute() : DocumentedAsAttribute(
    typeof(IReadOnlyList<FieldMapping>), "The layer's rules, one per QBO field (docs/mapping.md). Only `qboField` is required.");

/// <summary>A layer's <c>staticValues</c>: fixed values by QBO path, any JSON value each.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class StaticValuesSchemaAttribute() : DocumentedAsAttribute(
    typeof(IReadOnlyDictionary<string, JsonNode?>), "Fixed values by QBO path, e.g. `{ \"CurrencyRef.value\": \"USD\" }`; any JSON value.");
