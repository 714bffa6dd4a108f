using System.Text.Json.Nodes;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Mapping;

/// <summary>One layer shown as a column: what it is called and what its kind means.</summary>
internal sealed record LayerColumn(string Id, LayerKind Kind, string Title, MappingLayer Layer)
{
    public string KindName => Kind switch
    {
        LayerKind.Template => "Global template",
        LayerKind.Override => "Client override",
        _ => "Source mapping",
    };
}

/// <summary>One QBO field (or event) across the layers: each layer's rule, and the rule that wins.</summary>
internal sealed record LayerRow(string Key, IReadOnlyList<string?> Cells, string? Result, string? ResultLayerId);

/// <summary>
/// The layers of a source side by side, field by field, in merge order, with the merged result and the layer it came
/// from — read from <see cref="MappingMerger"/>, the engine's own merge, so the table cannot disagree with it.
/// </summary>
internal sealed class LayerTable
{
    private LayerTable(IReadOnlyList<LayerColumn> columns, IReadOnlyList<LayerRow> fields, IReadOnlyList<LayerRow> events)
    {
        Columns = columns;
        Fields = fields;
        Events = events;
    }

    public IReadOnlyList<LayerColumn> Columns { get; }

    public IReadOnlyList<LayerRow> Fields { get; }

    public IReadOnlyList<LayerRow> Events { get; }

    public static LayerTable Build(IReadOnlyList<LayerColumn> columns)
    {
        var merged = MappingMerger.Merge(columns.Select(c => c.Layer));
        // The merge lists the layers in the order it applied them.
        var ordered = merged is null ? columns.ToList() : merged.LayerIds.Select(id => columns.First(c => c.Id == id)).ToList();
        var keys = new List<string>();
        foreach (var column in ordered)
        {
            keys.AddRange(column.Layer.FieldMappings.Select(f => f.QboField));
            keys.AddRange(column.Layer.StaticValues.Keys);
        }

        var fields = keys.Distinct(StringComparer.Ordinal).Select(key =>
        {
            var cells = ordered.Select(c => Describe(c.Layer, key)).ToList();
            var rule = merged?.FieldMappings.FirstOrDefault(f => f.Mapping.QboField == key);
            var fixedValue = merged?.StaticValues.FirstOrDefault(v => v.QboPath == key);
            return rule is not null ? new LayerRow(key, cells, DescribeRule(rule.Mapping), rule.LayerId)
                : fixedValue is not null ? new LayerRow(key, cells, DescribeStatic(fixedValue.Value), fixedValue.LayerId)
                : new LayerRow(key, cells, null, null);
        }).ToList();

        var eventKeys = ordered.SelectMany(c => c.Layer.EventActions.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var events = eventKeys.Select(key =>
        {
            var cells = ordered.Select(c => c.Layer.EventActions.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value).ToList();
            var winner = merged?.EventActions.FirstOrDefault(a => string.Equals(a.Event, key, StringComparison.OrdinalIgnoreCase));
            return new LayerRow(key, cells, winner?.Action, winner?.LayerId);
        }).ToList();
        return new LayerTable(ordered, fields, events);
    }

    public LayerColumn? ColumnOf(string? layerId) => Columns.FirstOrDefault(c => c.Id == layerId);

    /// <summary>What a layer says about a QBO field, in words; null when it says nothing.</summary>
    public static string? Describe(MappingLayer layer, string key)
    {
        var parts = new List<string>();
        if (layer.FieldMappings.LastOrDefault(f => f.QboField == key) is { } rule)
        {
            parts.Add(DescribeRule(rule));
        }

        if (layer.StaticValues.TryGetValue(key, out var value))
        {
            parts.Add(DescribeStatic(value));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    public static string DescribeRule(FieldMapping rule)
    {
        if (rule.Disabled)
        {
            return "removed: earlier layers' rule for this field no longer applies";
        }

        var parts = new List<string> { rule.SourceField is { } source ? $"from {source}" : "no source field" };
        if (rule.Transformation is { Length: > 0 } transformation)
        {
            parts.Add($"then {transformation}");
        }

        if (rule.DefaultValue is { } fallback)
        {
            parts.Add($"default {fallback.ToJsonString()}");
        }

        if (rule.Required)
        {
            parts.Add("required");
        }

        return string.Join(", ", parts);
    }

    public static string DescribeStatic(JsonNode? value) => $"fixed value {value?.ToJsonString() ?? "null"}";
}
