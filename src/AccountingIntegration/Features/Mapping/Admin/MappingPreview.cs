using System.Text.Json;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>Merges the layers and builds the draft exactly as the webhook worker does, reporting every step's outcome.</summary>
internal static class MappingPreview
{
    public const string NoMappingCode = "NO_MAPPING";

    public const string EventIgnoredCode = "EVENT_IGNORED";

    public const string BookingRefusedCode = "BOOKING_REFUSED";

    /// <summary>
    /// The preview of a payload. For a generic source the layers' event actions decide, as in the worker: an ignored
    /// event is <c>ignored</c> (no draft), an action a generic source cannot run is <c>refused</c>. The event is the
    /// <paramref name="eventType"/> given, else the one read at the source's event type path.
    /// </summary>
    public static PreviewResponse Build(OrganizationSource source, IReadOnlyList<MappingLayer> layers, JsonElement payload, string? eventType = null)
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
        var ready = new PreviewResponse(source.OrganizationId, source.SourceId, source.SourceType, draft.IsValid ? "ready" : "invalid", used, mapping,
            draft.Invoice, draft.Resolvers, draft.Errors);
        if (VendorAdapters.For(source.SourceType) is not null)
        {
            return ready;
        }

        eventType ??= GenericEventType(source, payload);
        var action = GenericSourceActions.For(merged, eventType, out var unrunnable);
        return action switch
        {
            null => ready with
            {
                Status = "refused", Invoice = null, Resolvers = [],
                Errors = [new MappingError(EventActionsInput.Field, BookingRefusedCode, $"{GenericSourceActions.Refusal(unrunnable!)}: every payload would fail.")],
            },
            EventAction.Ignore => ready with
            {
                Status = "ignored", Invoice = null, Resolvers = [],
                Errors = [new MappingError(EventActionsInput.Field, EventIgnoredCode, $"The layers book nothing for {eventType ?? "this event"}: the payload would be skipped.")],
            },
            _ => ready,
        };
    }

    private static string? GenericEventType(OrganizationSource source, JsonElement payload) =>
        !string.IsNullOrEmpty(source.EventTypePath) && JsonLookup.TryGetText(payload, source.EventTypePath, out var text) && text.Trim().Length > 0
            ? text.Trim()
            : null;

    private static bool IsCandidate(string layerId) =>
        layerId is MappingPreviewEndpoint.CandidateSourceMappingId or MappingPreviewEndpoint.CandidateOverrideId;
}
