using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// What a write changed in a layer's rules, for its audit entry: the target fields whose field mapping was added,
/// removed or changed (its path, transformation, default, required or disabled flag), and the same for static values
/// by path. Names only: a static value or a default may be anything a customer typed, so values never reach the audit.
/// </summary>
internal static class LayerChanges
{
    public static void Audit(JsonObject details, string? fieldMappingsBefore, string? fieldMappingsAfter, string? staticValuesBefore, string? staticValuesAfter)
    {
        Add(details, "fieldMappings", ByField(fieldMappingsBefore), ByField(fieldMappingsAfter));
        Add(details, "staticValues", new Dictionary<string, JsonNode?>(MappingJson.DeserializeStaticValues(staticValuesBefore), StringComparer.Ordinal),
            new Dictionary<string, JsonNode?>(MappingJson.DeserializeStaticValues(staticValuesAfter), StringComparer.Ordinal));
    }

    /// <summary>Each rule by its target field (a layer names a field once; should it not, the last one applies, as in the merge).</summary>
    private static Dictionary<string, JsonNode?> ByField(string? json)
    {
        var rules = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var rule in MappingJson.DeserializeFieldMappings(json))
        {
            rules[rule.QboField] = JsonSerializer.SerializeToNode(rule, MappingJson.Options);
        }

        return rules;
    }

    private static void Add(JsonObject details, string kind, Dictionary<string, JsonNode?> before, Dictionary<string, JsonNode?> after)
    {
        Put(details, kind + "Added", after.Keys.Where(key => !before.ContainsKey(key)));
        Put(details, kind + "Removed", before.Keys.Where(key => !after.ContainsKey(key)));
        Put(details, kind + "Changed", after.Keys.Where(key => before.TryGetValue(key, out var old) && !JsonNode.DeepEquals(old, after[key])));
    }

    private static void Put(JsonObject details, string name, IEnumerable<string> keys)
    {
        var sorted = keys.Order(StringComparer.Ordinal).ToList();
        if (sorted.Count > 0)
        {
            details[name] = new JsonArray([.. sorted.Select(key => (JsonNode?)JsonValue.Create(key))]);
        }
    }
}
