using System.Text.Json.Nodes;
using AccountingIntegration.Features.Admin.Organizations;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Admin.Mappings;

/// <summary>
/// <c>/api/admin/organizations/{id}/sources</c>: an organization's webhook sources with their own mapping
/// (the most specific layer, one per source). PUT replaces it whole; DELETE deactivates it, so the
/// templates and overrides apply alone again while the rules stay on record.
/// </summary>
internal static class AdminSourceMappingEndpoints
{
    public static void MapSourceMappingEndpoints(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/organizations/{id}/sources").WithTags("Admin Source Mappings");
        group.MapGet("", ListAsync).WithName("ListOrganizationSources");
        group.MapGet("/{sourceId}/mapping", GetAsync).WithName("GetSourceMapping");
        group.MapPut("/{sourceId}/mapping", PutAsync).WithName("PutSourceMapping").RequireAuthorization(SecurityExtensions.AdminPolicy);
        group.MapDelete("/{sourceId}/mapping", DeactivateAsync).WithName("DeactivateSourceMapping").RequireAuthorization(SecurityExtensions.AdminPolicy);
    }

    internal static async Task<Ok<ApiResponse<IReadOnlyList<OrganizationSourceView>>>> ListAsync(
        string id, OrganizationStore organizations, WebhookStore webhooks, MappingStore mappings, CancellationToken cancellationToken)
    {
        await AdminOrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var views = new List<OrganizationSourceView>();
        // One query per source: an organization has a handful of senders, not hundreds.
        foreach (var source in await webhooks.ListSourcesAsync(id, cancellationToken))
        {
            views.Add(OrganizationSourceView.From(source, await mappings.GetSourceMappingAsync(id, source.SourceId, cancellationToken)));
        }

        return TypedResults.Ok(ApiResponse.Of<IReadOnlyList<OrganizationSourceView>>(views));
    }

    internal static async Task<Ok<ApiResponse<SourceMappingView>>> GetAsync(
        string id, string sourceId, OrganizationStore organizations, WebhookStore webhooks, MappingStore mappings, CancellationToken cancellationToken)
    {
        await FindSourceAsync(organizations, webhooks, id, sourceId, cancellationToken);
        var mapping = await mappings.GetSourceMappingAsync(id, sourceId, cancellationToken) ?? throw MappingNotFound();
        return TypedResults.Ok(ApiResponse.Of(SourceMappingView.From(mapping)));
    }

    internal static async Task<Ok<ApiResponse<SourceMappingView>>> PutAsync(
        string id, string sourceId, SourceMappingRequest request, HttpContext http, OrganizationStore organizations, WebhookStore webhooks,
        MappingStore mappings, MappingCache cache, AuditTrail audit, CancellationToken cancellationToken)
    {
        await FindSourceAsync(organizations, webhooks, id, sourceId, cancellationToken);
        var errors = new ValidationErrors();
        var layer = LayerInput.Read(request.FieldMappings, request.StaticValues, string.Empty, errors);
        errors.ThrowIfAny();

        var saved = await SaveAsync(mappings, cache, id, sourceId, layer.FieldMappingsJson, layer.StaticValuesJson, request.Priority ?? 0,
            request.IsActive ?? true, cancellationToken);
        await RecordAsync(audit, http, "source_mapping.saved", saved, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(SourceMappingView.From(saved)));
    }

    internal static async Task<NoContent> DeactivateAsync(
        string id, string sourceId, HttpContext http, OrganizationStore organizations, WebhookStore webhooks, MappingStore mappings,
        MappingCache cache, AuditTrail audit, CancellationToken cancellationToken)
    {
        await FindSourceAsync(organizations, webhooks, id, sourceId, cancellationToken);
        var current = await mappings.GetSourceMappingAsync(id, sourceId, cancellationToken) ?? throw MappingNotFound();
        var saved = await SaveAsync(mappings, cache, id, sourceId, current.FieldMappings, current.StaticValues, current.Priority, false, cancellationToken);
        await RecordAsync(audit, http, "source_mapping.deactivated", saved, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<SourceMapping> SaveAsync(MappingStore mappings, MappingCache cache, string organizationId, string sourceId,
        string fieldMappingsJson, string staticValuesJson, int priority, bool isActive, CancellationToken cancellationToken)
    {
        // The upsert checks the source belongs to the organization again, under its lock: a source removed meanwhile is not found.
        var saved = await mappings.UpsertSourceMappingAsync(organizationId, sourceId, fieldMappingsJson, staticValuesJson, priority, isActive, cancellationToken)
                    ?? throw SourceNotFound();
        cache.InvalidateOrganization(organizationId);
        return saved;
    }

    private static async Task FindSourceAsync(OrganizationStore organizations, WebhookStore webhooks, string organizationId, string sourceId,
        CancellationToken cancellationToken)
    {
        await AdminOrganizationEndpoints.FindAsync(organizations, organizationId, cancellationToken);
        _ = await webhooks.GetSourceAsync(organizationId, sourceId, cancellationToken) ?? throw SourceNotFound();
    }

    private static ApiException SourceNotFound() => ApiException.NotFound("SOURCE_NOT_FOUND", "The organization has no webhook source with this id.");

    private static ApiException MappingNotFound() =>
        ApiException.NotFound("SOURCE_MAPPING_NOT_FOUND", "The source has no active mapping of its own; templates and overrides apply.");

    private static Task RecordAsync(AuditTrail audit, HttpContext http, string action, SourceMapping m, CancellationToken cancellationToken) =>
        AdminAudit.RecordAsync(audit, http, m.OrganizationId, AdminMappingEndpoints.AuditCategory, action, "source_mapping", m.MappingId,
            new JsonObject { ["sourceId"] = m.SourceId, ["priority"] = m.Priority, ["isActive"] = m.IsActive }, cancellationToken);
}
