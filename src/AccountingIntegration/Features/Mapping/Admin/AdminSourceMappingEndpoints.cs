using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// <c>/api/admin/organizations/{id}/sources/{sourceId}/mapping</c>: a webhook source's own mapping
/// (the most specific layer, one per source). PUT replaces it whole; DELETE deactivates it, so the
/// templates and overrides apply alone again while the rules stay on record.
/// </summary>
internal static class AdminSourceMappingEndpoints
{
    public static void MapSourceMappingEndpoints(this AdminRouteGroup admin)
    {
        // Every route names an organization's source: 404 when either does not exist.
        var group = admin.MapGroup("/organizations/{id}/sources/{sourceId}/mapping", "Admin Source Mappings")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode, MappingErrors.SourceNotFoundCode);
        group.MapGet("", GetAsync).WithName("GetSourceMapping")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, MappingErrors.SourceMappingNotFoundCode);
        group.MapPut("", PutAsync).WithName("PutSourceMapping").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, MappingErrors.VersionConflictCode);
        group.MapDelete("", DeactivateAsync).WithName("DeactivateSourceMapping").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status404NotFound, MappingErrors.SourceMappingNotFoundCode);
    }

    internal static async Task<Ok<ApiResponse<SourceMappingView>>> GetAsync(
        string id, string sourceId, OrganizationStore organizations, IOrganizationSources sources, MappingStore mappings, CancellationToken cancellationToken)
    {
        await FindSourceAsync(organizations, sources, id, sourceId, cancellationToken);
        var mapping = await mappings.GetSourceMappingAsync(id, sourceId, cancellationToken) ?? throw MappingNotFound();
        return TypedResults.Ok(ApiResponse.Of(SourceMappingView.From(mapping)));
    }

    internal static async Task<Ok<ApiResponse<SourceMappingView>>> PutAsync(
        string id, string sourceId, SourceMappingRequest request, HttpContext http, OrganizationStore organizations, IOrganizationSources sources,
        MappingStore mappings, MappingCache cache, AuditTrail audit, CancellationToken cancellationToken)
    {
        var source = await FindSourceAsync(organizations, sources, id, sourceId, cancellationToken);
        var errors = new ValidationErrors();
        var layer = LayerInput.Read(request.FieldMappings, request.StaticValues, string.Empty, errors);
        // The source's type is known, so event types its adapter knows are checked against what they mean.
        var eventActions = request.EventActions is null ? null : EventActionsInput.Read(request.EventActions, source.SourceType, errors, oneSource: true);
        errors.ThrowIfAny();

        var before = await mappings.GetSourceMappingAsync(id, sourceId, cancellationToken);
        var saved = await SaveAsync(mappings, cache, id, sourceId, new SourceMappingContent(layer.FieldMappingsJson, layer.StaticValuesJson,
            EventActionsInput.Json(eventActions), request.Priority ?? 0, request.IsActive ?? true, request.Version),
            (transaction, saved) => RecordAsync(transaction, audit, http, "source_mapping.saved", saved, before, cancellationToken), cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(SourceMappingView.From(saved)));
    }

    internal static async Task<NoContent> DeactivateAsync(
        string id, string sourceId, HttpContext http, OrganizationStore organizations, IOrganizationSources sources, MappingStore mappings,
        MappingCache cache, AuditTrail audit, CancellationToken cancellationToken)
    {
        await FindSourceAsync(organizations, sources, id, sourceId, cancellationToken);
        var current = await mappings.GetSourceMappingAsync(id, sourceId, cancellationToken) ?? throw MappingNotFound();
        await SaveAsync(mappings, cache, id, sourceId, new SourceMappingContent(current.FieldMappings, current.StaticValues, current.EventActions,
            current.Priority, false), (transaction, saved) => RecordAsync(transaction, audit, http, "source_mapping.deactivated", saved, current, cancellationToken),
            cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<SourceMapping> SaveAsync(MappingStore mappings, MappingCache cache, string organizationId, string sourceId,
        SourceMappingContent content, Func<DatabaseTransaction, SourceMapping, Task> audited, CancellationToken cancellationToken)
    {
        // The upsert checks the source belongs to the organization again, under its lock: a source removed meanwhile is
        // not found, and a version read before someone else's save loses.
        SourceMapping saved;
        try
        {
            saved = await mappings.UpsertSourceMappingAsync(organizationId, sourceId, content.FieldMappingsJson, content.StaticValuesJson, content.Priority,
                        content.IsActive, cancellationToken, content.EventActionsJson, content.ExpectedVersion, audited)
                    ?? throw SourceNotFound();
        }
        catch (SourceMappingVersionConflictException e)
        {
            throw ApiException.Conflict(MappingErrors.VersionConflictCode,
                $"The source's mapping is at version {e.CurrentVersion}, not {content.ExpectedVersion}: someone saved it meanwhile; read it again and reapply your change.");
        }

        cache.InvalidateOrganization(organizationId);
        return saved;
    }

    private static async Task<OrganizationSource> FindSourceAsync(OrganizationStore organizations, IOrganizationSources sources, string organizationId,
        string sourceId, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, organizationId, cancellationToken);
        return await sources.FindAsync(organizationId, sourceId, cancellationToken) ?? throw SourceNotFound();
    }

    private static ApiException SourceNotFound() => MappingErrors.SourceNotFound();

    private static ApiException MappingNotFound() =>
        MappingErrors.SourceMappingNotFound();

    /// <summary>Audits a write in its transaction; <c>before</c> (the active mapping it replaced, if any) names the event actions and rules it changed.</summary>
    private static Task RecordAsync(DatabaseTransaction transaction, AuditTrail audit, HttpContext http, string action, SourceMapping m, SourceMapping? before,
        CancellationToken cancellationToken)
    {
        var details = new JsonObject { ["sourceId"] = m.SourceId, ["priority"] = m.Priority, ["isActive"] = m.IsActive };
        EventActionsInput.AuditChanges(details, before?.EventActions, m.EventActions);
        LayerChanges.Audit(details, before?.FieldMappings, m.FieldMappings, before?.StaticValues, m.StaticValues);
        return audit.RecordAsync(transaction, AuditActor.Operator(http), new AuditAction(MappingEndpoints.AuditCategory, action)
        {
            OrganizationId = m.OrganizationId,
            TargetType = "source_mapping",
            TargetId = m.MappingId,
            Details = details,
        }, cancellationToken);
    }

    /// <summary>What a save writes: the layer's three JSON columns (event actions null for none), priority and active flag.</summary>
    private sealed record SourceMappingContent(
        string FieldMappingsJson, string StaticValuesJson, string? EventActionsJson, int Priority, bool IsActive, string? ExpectedVersion = null);
}
