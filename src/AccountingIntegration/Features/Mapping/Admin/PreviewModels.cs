using AccountingIntegration.Features.Books;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// A sample payload for an organization's source, or the id of one it received (<see cref="PayloadId"/>, one or the
/// other). The optional candidates are unsaved layers to try: <see cref="CandidateSourceMapping"/> stands in for the
/// source's own mapping, <see cref="CandidateOverride"/> is merged as one more override.
/// </summary>
/// <remarks>
/// For a vendor source, <c>eventType</c> (or the delivery's <c>headers</c>, for vendors that name it there) says which event
/// the payload is; a stored payload is the event it was read as on arrival unless <c>eventType</c> says otherwise.
/// </remarks>
internal sealed record PreviewRequest(
    string? OrganizationId, string? SourceId, JsonElement Payload, CandidateLayer? CandidateSourceMapping, CandidateLayer? CandidateOverride,
    string? EventType = null, Dictionary<string, string>? Headers = null, string? PayloadId = null);

internal sealed record CandidateLayer(
    [property: FieldMappingsSchema] JsonNode? FieldMappings,
    [property: StaticValuesSchema] JsonNode? StaticValues,
    int? Priority,
    [property: EventActionsSchema] JsonNode? EventActions = null);

/// <summary>
/// What the webhook worker would make of the payload, without calling QuickBooks. For a generic source
/// <see cref="Status"/> is <c>ready</c> (no error), <c>invalid</c> (see <see cref="Errors"/>), <c>no_mapping</c> (no
/// layer applies), <c>ignored</c> (the event actions book nothing for the event) or <c>refused</c> (they name an action
/// a generic source cannot run), and <see cref="Invoice"/> is the draft (none when ignored or refused). For a vendor source <see cref="Books"/> holds the event's
/// documents and the status is theirs: ready, ignored, waiting (for its sale), refused or invalid.
/// </summary>
internal sealed record PreviewResponse(
    string OrganizationId, string SourceId, string SourceType, string Status, IReadOnlyList<PreviewLayer> Layers, PreviewMapping? Mapping,
    JsonObject? Invoice, IReadOnlyList<ResolverRequest> Resolvers, IReadOnlyList<MappingError> Errors)
{
    public BookingPreviewResult? Books { get; init; }
}

/// <summary>A layer that took part, in merge order; <see cref="Candidate"/> when it came from the request.</summary>
internal sealed record PreviewLayer(string Id, string Kind, int Priority, DateTime CreatedAt, bool Candidate);

internal sealed record PreviewMapping(IReadOnlyList<string> LayerIds, IReadOnlyList<PreviewField> FieldMappings, IReadOnlyList<PreviewStaticValue> StaticValues);

/// <summary>A winning field mapping in the stored shape, plus the layer it came from.</summary>
internal sealed record PreviewField(
    string QboField, string? SourceField, string? Transformation, bool Required, JsonNode? DefaultValue, bool Disabled, string LayerId, string LayerKind)
{
    public static PreviewField From(MergedFieldMapping f) => new(
        f.Mapping.QboField, f.Mapping.SourceField, f.Mapping.Transformation, f.Mapping.Required, f.Mapping.DefaultValue?.DeepClone(), f.Mapping.Disabled,
        f.LayerId, f.LayerKind.ToString());
}

internal sealed record PreviewStaticValue(string QboPath, JsonNode? Value, string LayerId, string LayerKind)
{
    public static PreviewStaticValue From(MergedStaticValue v) => new(v.QboPath, v.Value?.DeepClone(), v.LayerId, v.LayerKind.ToString());
}
