using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// The seed's MappingMergerService: for a source it is given, loads the three layers (global
/// templates of its type, the organization's overrides, the source's own mapping), merges them with
/// the mapping engine and caches the result until a layer changes.
/// </summary>
internal sealed class MappingMergerService(MappingStore mappings, MappingCache cache)
{
    public async Task<EffectiveMapping> GetEffectiveMappingAsync(OrganizationSource source, CancellationToken cancellationToken)
    {
        if (cache.TryGet(source.OrganizationId, source.SourceId, out var cached) && cached is not null)
        {
            return cached;
        }

        var layers = await LoadLayersAsync(source, cancellationToken);
        var effective = new EffectiveMapping(MappingMerger.Merge(layers), source.SourceType);
        cache.Set(source.OrganizationId, source.SourceId, effective);
        return effective;
    }

    /// <summary>Every active layer that applies to the source, unmerged (the preview shows them).</summary>
    public async Task<IReadOnlyList<MappingLayer>> LoadLayersAsync(OrganizationSource source, CancellationToken cancellationToken)
    {
        var templates = await mappings.GetGlobalTemplatesAsync(source.SourceType, cancellationToken);
        var overrides = await mappings.GetClientOverridesAsync(source.OrganizationId, source.SourceId, cancellationToken);
        var own = await mappings.GetSourceMappingAsync(source.OrganizationId, source.SourceId, cancellationToken);

        var layers = new List<MappingLayer>();
        layers.AddRange(templates.Select(t => Layer(t.TemplateId, LayerKind.Template, t.Priority, t.CreatedAt, t.FieldMappings, t.StaticValues, t.EventActions)));
        layers.AddRange(overrides.Select(o => Layer(o.OverrideId, LayerKind.Override, o.Priority, o.CreatedAt, o.FieldMappings, o.StaticValues, o.EventActions)));
        if (own is not null)
        {
            layers.Add(Layer(own.MappingId, LayerKind.SourceMapping, own.Priority, own.CreatedAt, own.FieldMappings, own.StaticValues, own.EventActions));
        }

        return layers;
    }

    private static MappingLayer Layer(string id, LayerKind kind, int priority, DateTime createdAt, string fieldMappings, string staticValues, string? eventActions) =>
        new(id, kind, priority, createdAt, MappingJson.DeserializeFieldMappings(fieldMappings), MappingJson.DeserializeStaticValues(staticValues))
        {
            EventActions = MappingJson.DeserializeEventActions(eventActions),
        };
}
