using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Folds mapping layers into the effective mapping (SPEC §5, the seed's algorithm).
/// One QBO path has one winner: the last layer, in merge order, that mentions it — by field mapping or by
/// static value. A disabled field mapping removes the inherited field mapping and static value for its path.
/// Within one layer, static values are applied after its field mappings.
/// </summary>
public static class MappingMerger
{
    /// <returns>The merged mapping, or null when there is no layer at all (the caller reports NO_MAPPING).</returns>
    public static MergedMapping? Merge(IEnumerable<MappingLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var ordered = layers.ToList();
        if (ordered.Count == 0)
        {
            return null;
        }

        ordered.Sort(LayerOrder.Instance);

        // Insertion-ordered so that the preview lists fields in the order the layers introduced them.
        var fields = new OrderedDictionary<string, MergedFieldMapping>(StringComparer.Ordinal);
        var statics = new OrderedDictionary<string, MergedStaticValue>(StringComparer.Ordinal);
        // Event keys compare case-insensitively: Shopify's topics and Stripe's types are lower case, PayPal's upper.
        var events = new OrderedDictionary<string, MergedEventAction>(StringComparer.OrdinalIgnoreCase);
        foreach (var layer in ordered)
        {
            foreach (var (eventType, action) in layer.EventActions)
            {
                events[eventType.Trim()] = new MergedEventAction(eventType.Trim(), action.Trim(), layer.Id, layer.Kind);
            }

            foreach (var mapping in layer.FieldMappings)
            {
                ApplyFieldMapping(fields, statics, layer, mapping);
            }

            foreach (var (path, value) in layer.StaticValues)
            {
                ApplyStaticValue(fields, statics, layer, path, value);
            }
        }

        return new MergedMapping(
            [.. fields.Values],
            [.. statics.Values],
            [.. ordered.Select(layer => layer.Id)],
            [.. events.Values]);
    }

    private static void ApplyFieldMapping(
        OrderedDictionary<string, MergedFieldMapping> fields,
        OrderedDictionary<string, MergedStaticValue> statics,
        MappingLayer layer,
        FieldMapping mapping)
    {
        var path = mapping.QboField.Trim();
        statics.Remove(path);
        if (mapping.Disabled)
        {
            fields.Remove(path);
        }
        else
        {
            fields[path] = new MergedFieldMapping(mapping, layer.Id, layer.Kind);
        }
    }

    private static void ApplyStaticValue(
        OrderedDictionary<string, MergedFieldMapping> fields,
        OrderedDictionary<string, MergedStaticValue> statics,
        MappingLayer layer,
        string path,
        JsonNode? value)
    {
        var key = path.Trim();
        fields.Remove(key);
        statics[key] = new MergedStaticValue(key, value?.DeepClone(), layer.Id, layer.Kind);
    }
}
