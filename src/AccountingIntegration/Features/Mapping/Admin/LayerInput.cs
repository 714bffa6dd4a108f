using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// Reads a layer's <c>fieldMappings</c> and <c>staticValues</c> from a request body and checks them with
/// the engine's <see cref="MappingValidator"/>, so only layers the engine accepts are stored. Problems are
/// collected under the request's own names (<c>fieldMappings[3].transformation</c>) for one 400 answer.
/// </summary>
internal static class LayerInput
{
    // The web serializer ignores unknown properties; a typo such as "transform" would silently map nothing.
    private static readonly HashSet<string> KnownProperties = new(
        ["qboField", "sourceField", "transformation", "required", "defaultValue", "disabled"], StringComparer.OrdinalIgnoreCase);

    public static ParsedLayer Read(JsonNode? fieldMappings, JsonNode? staticValues, string prefix, ValidationErrors errors)
    {
        var rules = ReadFieldMappings(fieldMappings, prefix, errors);
        var statics = ReadStaticValues(staticValues, prefix, errors);
        if (rules is null || statics is null)
        {
            return ParsedLayer.Empty;
        }

        // Unreadable entries were left out, so the engine's locations are mapped back to the request's indices.
        var layer = rules.Select(r => r.Rule).ToList();
        foreach (var error in MappingValidator.ValidateLayer(layer, statics))
        {
            errors.Add(prefix + RequestLocation(error.Field, rules), $"{error.Code}: {error.Message}");
        }

        return new ParsedLayer(layer, statics);
    }

    private static string RequestLocation(string field, List<(int Index, FieldMapping Rule)> rules)
    {
        const string head = "fieldMappings[";
        var close = field.IndexOf(']', StringComparison.Ordinal);
        var isRule = field.StartsWith(head, StringComparison.Ordinal) && close > head.Length;
        return isRule && int.TryParse(field.AsSpan(head.Length, close - head.Length), out var k) && k < rules.Count
            ? $"{head}{rules[k].Index}{field[close..]}"
            : field;
    }

    private static List<(int Index, FieldMapping Rule)>? ReadFieldMappings(JsonNode? node, string prefix, ValidationErrors errors)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            errors.Add(prefix + "fieldMappings", "must be an array of {qboField, sourceField, transformation, required, defaultValue, disabled}");
            return null;
        }

        var rules = new List<(int Index, FieldMapping Rule)>(array.Count);
        for (var index = 0; index < array.Count; index++)
        {
            if (ReadRule(array[index], $"{prefix}fieldMappings[{index}]", errors) is { } rule)
            {
                rules.Add((index, rule));
            }
        }

        return rules;
    }

    private static FieldMapping? ReadRule(JsonNode? node, string location, ValidationErrors errors)
    {
        if (node is not JsonObject rule)
        {
            errors.Add(location, "must be an object");
            return null;
        }

        var unknown = rule.Select(p => p.Key).Where(key => !KnownProperties.Contains(key)).ToList();
        foreach (var key in unknown)
        {
            errors.Add($"{location}.{key}", "is not a field mapping property");
        }

        if (!rule.Any(p => string.Equals(p.Key, "qboField", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"{location}.qboField", "is required");
            return null;
        }

        try
        {
            return rule.Deserialize<FieldMapping>(MappingJson.Options);
        }
        catch (JsonException e)
        {
            errors.Add(location, $"is not a valid field mapping: {e.Message}");
            return null;
        }
    }

    private static Dictionary<string, JsonNode?>? ReadStaticValues(JsonNode? node, string prefix, ValidationErrors errors)
    {
        if (node is null)
        {
            return new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        }

        if (node is not JsonObject values)
        {
            errors.Add(prefix + "staticValues", "must be an object of QBO path to value");
            return null;
        }

        return values.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
    }
}

/// <summary>A layer the engine accepted, ready to store as the JSON text of its two columns.</summary>
internal sealed record ParsedLayer(IReadOnlyList<FieldMapping> FieldMappings, IReadOnlyDictionary<string, JsonNode?> StaticValues)
{
    public static readonly ParsedLayer Empty = new([], new Dictionary<string, JsonNode?>());

    public string FieldMappingsJson => MappingJson.SerializeFieldMappings(FieldMappings);

    public string StaticValuesJson => MappingJson.SerializeStaticValues(StaticValues);
}
