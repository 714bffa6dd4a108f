using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// The seed's MappingMergerService: loads the three layers for an organization's source (global
/// templates of its type, the organization's overrides, the source's own mapping), merges them
/// with the mapping engine and caches the result until a layer changes.
/// </summary>
internal sealed class MappingMergerService(MappingStore mappings, WebhookStore webhooks, MappingCache cache)
{
    public async Task<EffectiveMapping> GetEffectiveMappingAsync(string organizationId, string sourceId, CancellationToken cancellationToken)
    {
        if (cache.TryGet(organizationId, sourceId, out var cached) && cached is not null)
        {
            return cached;
        }

        var source = await webhooks.GetSourceAsync(organizationId, sourceId, cancellationToken)
                     ?? throw ApiException.NotFound("SOURCE_NOT_FOUND", "Webhook source not found.");
        var layers = await LoadLayersAsync(organizationId, source, cancellationToken);
        var effective = new EffectiveMapping(MappingMerger.Merge(layers), source.SourceType);
        cache.Set(organizationId, sourceId, effective);
        return effective;
    }

    /// <summary>Every active layer that applies to the source, unmerged (the preview shows them).</summary>
    public async Task<IReadOnlyList<MappingLayer>> LoadLayersAsync(string organizationId, WebhookSource source, CancellationToken cancellationToken)
    {
        var templates = await mappings.GetGlobalTemplatesAsync(source.SourceType, cancellationToken);
        var overrides = await mappings.GetClientOverridesAsync(organizationId, source.SourceId, cancellationToken);
        var own = await mappings.GetSourceMappingAsync(organizationId, source.SourceId, cancellationToken);

        var layers = new List<MappingLayer>();
        layers.AddRange(templates.Select(t => Layer(t.TemplateId, LayerKind.Template, t.Priority, t.CreatedAt, t.FieldMappings, t.StaticValues)));
        layers.AddRange(overrides.Select(o => Layer(o.OverrideId, LayerKind.Override, o.Priority, o.CreatedAt, o.FieldMappings, o.StaticValues)));
        if (own is not null)
        {
            layers.Add(Layer(own.MappingId, LayerKind.SourceMapping, own.Priority, own.CreatedAt, own.FieldMappings, own.StaticValues));
        }

        return layers;
    }

    private static MappingLayer Layer(string id, LayerKind kind, int priority, DateTime createdAt, string fieldMappings, string staticValues) =>
        new(id, kind, priority, createdAt, MappingJson.DeserializeFieldMappings(fieldMappings), MappingJson.DeserializeStaticValues(staticValues));
}
