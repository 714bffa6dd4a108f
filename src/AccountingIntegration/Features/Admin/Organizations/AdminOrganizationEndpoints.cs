using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Admin.Organizations;

/// <summary><c>/api/admin/organizations</c>: list (paging, search), create, read, update, deactivate. Nothing is ever deleted.</summary>
internal static class AdminOrganizationEndpoints
{
    public static RouteGroupBuilder MapAdminOrganizationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/organizations").WithTags("Admin Organizations").RequireAuthorization(SecurityExtensions.ViewerPolicy);
        group.MapGet("", ListAsync).WithName("ListOrganizations");
        group.MapPost("", CreateAsync).WithName("CreateOrganization").RequireAuthorization(SecurityExtensions.AdminPolicy);
        group.MapGet("/{id}", GetAsync).WithName("GetOrganization");
        group.MapPut("/{id}", UpdateAsync).WithName("UpdateOrganization").RequireAuthorization(SecurityExtensions.AdminPolicy);
        group.MapDelete("/{id}", DeactivateAsync).WithName("DeactivateOrganization").RequireAuthorization(SecurityExtensions.AdminPolicy);
        return group;
    }

    internal static async Task<Ok<PagedResponse<OrganizationView>>> ListAsync(
        OrganizationStore organizations, string? search, bool? isActive, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var result = await organizations.ListAsync(Webhooks.Status.PayloadQuery.Page(page, pageSize), search, isActive, cancellationToken);
        return TypedResults.Ok(new PagedResponse<OrganizationView>(
            result.Items.Select(OrganizationView.From).ToList(), new Pagination(result.Request.Page, result.Request.PageSize, result.Total)));
    }

    internal static async Task<Created<ApiResponse<OrganizationView>>> CreateAsync(
        CreateOrganizationRequest request, HttpContext http, OrganizationStore organizations, AuditTrail audit, CancellationToken cancellationToken)
    {
        OrganizationValidation.Check(request.Name, request.Slug, request.PlanTier, creating: true);
        Organization created;
        try
        {
            created = await organizations.CreateAsync(request.Name!.Trim(), request.Slug!, request.PlanTier ?? "free", request.Settings, cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            throw ApiException.Conflict("SLUG_TAKEN", $"The slug '{request.Slug}' is already used.");
        }

        await AdminAudit.RecordAsync(audit, http, created.OrganizationId, "organization", "organization.created", "organization", created.OrganizationId,
            new JsonObject { ["slug"] = created.Slug, ["planTier"] = created.PlanTier }, cancellationToken);
        return TypedResults.Created($"/api/admin/organizations/{created.OrganizationId}", ApiResponse.Of(OrganizationView.From(created)));
    }

    internal static async Task<Ok<ApiResponse<OrganizationView>>> GetAsync(string id, OrganizationStore organizations, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiResponse.Of(OrganizationView.From(await FindAsync(organizations, id, cancellationToken))));

    internal static async Task<Ok<ApiResponse<OrganizationView>>> UpdateAsync(
        string id, UpdateOrganizationRequest request, HttpContext http, OrganizationStore organizations, AuditTrail audit, CancellationToken cancellationToken)
    {
        OrganizationValidation.Check(request.Name, request.Slug, request.PlanTier, creating: false);
        var current = await FindAsync(organizations, id, cancellationToken);
        var updated = current with
        {
            Name = request.Name?.Trim() ?? current.Name,
            Slug = request.Slug ?? current.Slug,
            PlanTier = request.PlanTier ?? current.PlanTier,
            Settings = request.Settings ?? current.Settings,
            IsActive = request.IsActive ?? current.IsActive,
        };
        try
        {
            await organizations.UpdateAsync(updated, cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            throw ApiException.Conflict("SLUG_TAKEN", $"The slug '{request.Slug}' is already used.");
        }

        await AdminAudit.RecordAsync(audit, http, id, "organization", "organization.updated", "organization", id,
            new JsonObject { ["fields"] = new JsonArray([.. ChangedFields(request)]) }, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(OrganizationView.From((await organizations.GetByIdAsync(id, cancellationToken))!)));
    }

    /// <summary>Deactivation: its keys stop working and its payloads stop processing; every row stays.</summary>
    internal static async Task<Ok<ApiResponse<OrganizationView>>> DeactivateAsync(
        string id, HttpContext http, OrganizationStore organizations, AuditTrail audit, CancellationToken cancellationToken)
    {
        await FindAsync(organizations, id, cancellationToken);
        await organizations.DeactivateAsync(id, cancellationToken);
        await AdminAudit.RecordAsync(audit, http, id, "organization", "organization.deactivated", "organization", id, null, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(OrganizationView.From((await organizations.GetByIdAsync(id, cancellationToken))!)));
    }

    internal static async Task<Organization> FindAsync(OrganizationStore organizations, string id, CancellationToken cancellationToken) =>
        await organizations.GetByIdAsync(id, cancellationToken) ?? throw ApiException.NotFound("ORG_NOT_FOUND", "Organization not found.");

    private static IEnumerable<JsonNode?> ChangedFields(UpdateOrganizationRequest r) =>
        new (string Name, object? Value)[] { ("name", r.Name), ("slug", r.Slug), ("planTier", r.PlanTier), ("settings", r.Settings), ("isActive", r.IsActive) }
            .Where(f => f.Value is not null).Select(f => (JsonNode?)JsonValue.Create(f.Name));
}
