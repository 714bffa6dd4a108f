using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// The JSON shape of stored layers: field mappings as
/// <c>[{"qboField","sourceField","transformation","required","defaultValue","disabled"}]</c> and static
/// values as <c>{"qboPath": value}</c>. The service keeps both as JSON text columns.
/// </summary>
public static class MappingJson
{
    /// <summary>camelCase; a missing <c>qboField</c> or a null where none is allowed is an error, not a silent null.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static IReadOnlyList<FieldMapping> DeserializeFieldMappings(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        var mappings = JsonSerializer.Deserialize<List<FieldMapping?>>(json, Options)
            ?? throw new JsonException("Field mappings must be a JSON array, not null.");
        // Nullable annotations are not enforced on collection elements, so a stored [null] is caught here.
        var result = new List<FieldMapping>(mappings.Count);
        foreach (var mapping in mappings)
        {
            result.Add(mapping ?? throw new JsonException($"Field mapping {result.Count} is null."));
        }

        return result;
    }

    public static string SerializeFieldMappings(IEnumerable<FieldMapping> fieldMappings) =>
        JsonSerializer.Serialize(fieldMappings.ToList(), Options);

    public static IReadOnlyDictionary<string, JsonNode?> DeserializeStaticValues(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        }

        var node = JsonNode.Parse(json) as JsonObject
            ?? throw new JsonException("Static values must be a JSON object of QBO path to value.");
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (path, value) in node)
        {
            values[path] = value?.DeepClone();
        }

        return values;
    }

    public static string SerializeStaticValues(IReadOnlyDictionary<string, JsonNode?> staticValues)
    {
        var node = new JsonObject();
        foreach (var (path, value) in staticValues)
        {
            node[path] = value?.DeepClone();
        }

        return node.ToJsonString(Options);
    }

    /// <summary>A layer's event actions: a JSON object of event type (or meaning) to action name; absent or null is none.</summary>
    public static IReadOnlyDictionary<string, string> DeserializeEventActions(string? json)
    {
        var actions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json) || JsonNode.Parse(json) is not JsonObject node)
        {
            return actions;
        }

        foreach (var (eventType, value) in node)
        {
            if (value is JsonValue text && text.TryGetValue<string>(out var action))
            {
                actions[eventType] = action;
            }
        }

        return actions;
    }

    public static string SerializeEventActions(IReadOnlyDictionary<string, string> eventActions)
    {
        var node = new JsonObject();
        foreach (var (eventType, action) in eventActions)
        {
            node[eventType] = action;
        }

        return node.ToJsonString(Options);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
