using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping.Tests;

/// <summary>Builders for layers and drafts in tests.</summary>
internal static class Layers
{
    public static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static MappingLayer Layer(
        string id,
        LayerKind kind = LayerKind.SourceMapping,
        int priority = 0,
        int createdMinute = 0,
        IReadOnlyList<FieldMapping>? fields = null,
        Dictionary<string, JsonNode?>? statics = null) =>
        new(id, kind, priority, Epoch.AddMinutes(createdMinute), fields ?? [], statics ?? []);

    public static MergedMapping Merge(params FieldMapping[] fields) => Merge(fields, []);

    public static MergedMapping Merge(IReadOnlyList<FieldMapping> fields, Dictionary<string, JsonNode?> statics) =>
        MappingMerger.Merge([Layer("only", fields: fields, statics: statics)])!;

    public static MergedMapping FromTemplate(BuiltInTemplate template, params MappingLayer[] later) =>
        MappingMerger.Merge([TemplateLayer(template), .. later])!;

    public static MappingLayer TemplateLayer(BuiltInTemplate template) =>
        new(template.Name, LayerKind.Template, template.Priority, Epoch, template.FieldMappings, template.StaticValues) { EventActions = template.EventActions };

    public static InvoiceDraftResult Build(string payloadJson, MergedMapping mapping)
    {
        using var document = JsonDocument.Parse(payloadJson);
        return OnePass.BuildBoth(document.RootElement, mapping);
    }

    /// <summary>A minimal valid header so tests about lines are not drowned in header errors.</summary>
    public static FieldMapping[] ValidHeader =>
    [
        new("CustomerRef.value", "customer"),
    ];

    public static string Codes(InvoiceDraftResult result) =>
        string.Join(", ", result.Errors.Select(error => $"{error.Field}:{error.Code}"));
}
