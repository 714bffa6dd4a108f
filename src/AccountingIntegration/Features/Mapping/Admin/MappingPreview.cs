using System.Text.Json;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>Merges the layers and builds the draft exactly as the webhook worker does, reporting every step's outcome.</summary>
internal static class MappingPreview
{
    public const string NoMappingCode = "NO_MAPPING";

    public static PreviewResponse Build(OrganizationSource source, IReadOnlyList<MappingLayer> layers, JsonElement payload)
    {
        var merged = MappingMerger.Merge(layers);
        if (merged is null)
        {
            MappingError noMapping = new(string.Empty, NoMappingCode,
                $"No mapping layer applies to source '{source.SourceId}' of type '{source.SourceType}': install or activate a template for " +
                $"'{source.SourceType}', or give the organization an override or the source a mapping. Its payloads are skipped.");
            return new PreviewResponse(source.OrganizationId, source.SourceId, source.SourceType, "no_mapping", [], null, null, [], [noMapping]);
        }

        var draft = InvoiceDraftBuilder.Build(payload, merged);
        var byId = layers.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var used = merged.LayerIds.Select(id => byId[id]).Select(l => new PreviewLayer(l.Id, l.Kind.ToString(), l.Priority, l.CreatedAtUtc, IsCandidate(l.Id))).ToList();
        var mapping = new PreviewMapping(merged.LayerIds,
            merged.FieldMappings.Select(PreviewField.From).ToList(), merged.StaticValues.Select(PreviewStaticValue.From).ToList());
        return new PreviewResponse(source.OrganizationId, source.SourceId, source.SourceType, draft.IsValid ? "ready" : "invalid", used, mapping,
            draft.Invoice, draft.Resolvers, draft.Errors);
    }

    private static bool IsCandidate(string layerId) =>
        layerId is MappingPreviewEndpoint.CandidateSourceMappingId or MappingPreviewEndpoint.CandidateOverrideId;
}
