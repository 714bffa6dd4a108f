using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;
using System.Text.Json;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// <c>POST /api/admin/mappings/preview</c>: merges the layers of an organization's source as stored now
/// (not the cached merge, which may lag another instance's change), plus any unsaved candidates, and builds
/// the invoice draft of a sample payload, or of one the source received (<c>payloadId</c>: what a mapping change would
/// make of a payload that failed, before it is replayed). Nothing is written and QuickBooks is never called, so viewers
/// may use it.
/// </summary>
internal static class MappingPreviewEndpoint
{
    public const string CandidateSourceMappingId = "candidate-source-mapping";
    public const string CandidateOverrideId = "candidate-override";

    public static void MapPreviewEndpoint(this AdminRouteGroup admin) =>
        admin.MapGroup("/mappings", "Admin Mapping Preview").MapPost("/preview", PreviewAsync).WithName("PreviewMapping").AllowViewer()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode, MappingErrors.SourceNotFoundCode, MappingErrors.PayloadNotFoundCode);

    internal static async Task<Ok<ApiResponse<PreviewResponse>>> PreviewAsync(
        PreviewRequest request, OrganizationStore organizations, IOrganizationSources sources, MappingMergerService merger, BookingPreview books,
        IReceivedPayloads received, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Require(request.OrganizationId, "organizationId", errors);
        Require(request.SourceId, "sourceId", errors);
        var hasPayload = request.Payload.ValueKind != JsonValueKind.Undefined;
        if (hasPayload == !string.IsNullOrWhiteSpace(request.PayloadId))
        {
            errors.Add(hasPayload ? "payloadId" : "payload",
                hasPayload ? "cannot be given with payload: preview either a sample or a stored payload" : "is required: the webhook body to map, as JSON, or the payloadId of one the source received");
        }

        var candidateSource = ReadCandidate(request.CandidateSourceMapping, "candidateSourceMapping.", errors);
        var candidateOverride = ReadCandidate(request.CandidateOverride, "candidateOverride.", errors);
        var candidateSourceActions = ReadCandidateActions(request.CandidateSourceMapping, errors);
        var candidateOverrideActions = ReadCandidateActions(request.CandidateOverride, errors);
        errors.ThrowIfAny();

        var organization = await OrganizationEndpoints.FindAsync(organizations, request.OrganizationId!, cancellationToken);
        var source = await sources.FindAsync(request.OrganizationId!, request.SourceId!, cancellationToken) ?? throw MappingErrors.SourceNotFound();
        var layers = (await merger.LoadLayersAsync(source, cancellationToken)).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        if (candidateSource is not null)
        {
            // The candidate takes the stored mapping's place, keeping its age so the merge order stays as it would be once saved.
            var stored = layers.Find(l => l.Kind == LayerKind.SourceMapping);
            layers.RemoveAll(l => l.Kind == LayerKind.SourceMapping);
            layers.Add(Layer(CandidateSourceMappingId, LayerKind.SourceMapping, request.CandidateSourceMapping!.Priority ?? 0, stored?.CreatedAtUtc ?? now, candidateSource)
                with { EventActions = candidateSourceActions });
        }

        if (candidateOverride is not null)
        {
            layers.Add(Layer(CandidateOverrideId, LayerKind.Override, request.CandidateOverride!.Priority ?? 0, now, candidateOverride)
                with { EventActions = candidateOverrideActions });
        }

        var (payload, eventType) = hasPayload
            ? (request.Payload, request.EventType)
            : await StoredAsync(received, source, request.PayloadId!, request.EventType, cancellationToken);
        var preview = MappingPreview.Build(source, layers, payload, eventType);
        if (VendorAdapters.For(source.SourceType) is { } adapter)
        {
            // A vendor's events are booked by its adapter: the documents are the preview, not an invoice draft.
            var booking = await books.PreviewAsync(organization, source.SourceId, adapter, eventType,
                new Dictionary<string, string>(request.Headers ?? [], StringComparer.OrdinalIgnoreCase), payload, MappingMerger.Merge(layers), cancellationToken);
            preview = preview with { Status = booking.Status, Invoice = null, Resolvers = [], Errors = [], Books = booking };
        }

        return TypedResults.Ok(ApiResponse.Of(preview));
    }

    /// <summary>
    /// The body of a payload the source received, and the event it was read as on arrival unless the request names one (the
    /// headers that named it are not kept). Another source's payload is not found, as another organization's is not.
    /// </summary>
    private static async Task<(JsonElement Payload, string? EventType)> StoredAsync(
        IReceivedPayloads received, OrganizationSource source, string payloadId, string? eventType, CancellationToken cancellationToken)
    {
        var stored = await received.FindAsync(source.OrganizationId, payloadId.Trim(), cancellationToken);
        if (stored is null || stored.SourceId != source.SourceId)
        {
            throw MappingErrors.PayloadNotFound();
        }

        using var document = JsonDocument.Parse(stored.Body);
        return (document.RootElement.Clone(), string.IsNullOrWhiteSpace(eventType) ? stored.EventType : eventType);
    }

    private static ParsedLayer? ReadCandidate(CandidateLayer? candidate, string prefix, ValidationErrors errors) =>
        candidate is null ? null : LayerInput.Read(candidate.FieldMappings, candidate.StaticValues, prefix, errors);

    /// <summary>A candidate's event actions, checked as a save checks them; none when it carries none (as a source mapping's PUT).</summary>
    private static IReadOnlyDictionary<string, string> ReadCandidateActions(CandidateLayer? candidate, ValidationErrors errors) =>
        candidate?.EventActions is { } actions ? EventActionsInput.Read(actions, null, errors) : new Dictionary<string, string>(StringComparer.Ordinal);

    private static MappingLayer Layer(string id, LayerKind kind, int priority, DateTime createdAt, ParsedLayer layer) =>
        new(id, kind, priority, createdAt, layer.FieldMappings, layer.StaticValues);

    private static void Require(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required");
        }
    }
}
