using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Organizations;

/// <summary><c>/api/admin/organizations</c>: list (paging, search), create, read, update, deactivate. Nothing is ever deleted.</summary>
internal static class OrganizationEndpoints
{
    public static RouteGroupBuilder MapOrganizations(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/organizations", "Admin Organizations");
        group.MapGet("", ListAsync).WithName("ListOrganizations")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        group.MapPost("", CreateAsync).WithName("CreateOrganization").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, OrganizationErrors.SlugTakenCode);
        group.MapGet("/{id}", GetAsync).WithName("GetOrganization")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode);
        group.MapPut("/{id}", UpdateAsync).WithName("UpdateOrganization").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, OrganizationErrors.SlugTakenCode);
        group.MapDelete("/{id}", DeactivateAsync).WithName("DeactivateOrganization").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode);
        return group;
    }

    internal static async Task<Ok<PagedResponse<OrganizationView>>> ListAsync(
        OrganizationStore organizations, string? search, bool? isActive, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var result = await organizations.ListAsync(ListQuery.Page(page, pageSize), search, isActive, cancellationToken);
        return TypedResults.Ok(result.ToResponse(OrganizationView.From));
    }

    internal static async Task<Created<ApiResponse<OrganizationView>>> CreateAsync(
        CreateOrganizationRequest request, HttpContext http, OrganizationStore organizations, AuditTrail audit, CancellationToken cancellationToken)
    {
        OrganizationValidation.Check(request.Name, request.Slug, request.PlanTier, creating: true, request.Settings);
        Organization created;
        try
        {
            created = await organizations.CreateAsync(request.Name!.Trim(), request.Slug!, request.PlanTier ?? "free", request.Settings, cancellationToken,
                (transaction, created) => audit.RecordAsync(transaction, AuditActor.Operator(http), Audited("organization.created", created.OrganizationId) with
                {
                    Details = new JsonObject { ["slug"] = created.Slug, ["planTier"] = created.PlanTier },
                }, cancellationToken));
        }
        catch (DuplicateKeyException)
        {
            throw OrganizationErrors.SlugTaken(request.Slug);
        }

        return TypedResults.Created($"/api/admin/organizations/{created.OrganizationId}", ApiResponse.Of(OrganizationView.From(created)));
    }

    internal static async Task<Ok<ApiResponse<OrganizationView>>> GetAsync(string id, OrganizationStore organizations, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApiResponse.Of(OrganizationView.From(await FindAsync(organizations, id, cancellationToken))));

    internal static async Task<Ok<ApiResponse<OrganizationView>>> UpdateAsync(
        string id, UpdateOrganizationRequest request, HttpContext http, OrganizationStore organizations, OrganizationDirectory directory, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        OrganizationValidation.Check(request.Name, request.Slug, request.PlanTier, creating: false, request.Settings);
        OrganizationChange change;
        try
        {
            change = await organizations.ChangeAsync(id, current => current with
            {
                Name = request.Name?.Trim() ?? current.Name,
                Slug = request.Slug ?? current.Slug,
                PlanTier = request.PlanTier ?? current.PlanTier,
                Settings = request.Settings ?? current.Settings,
                IsActive = request.IsActive ?? current.IsActive,
            }, cancellationToken, (transaction, _) => audit.RecordAsync(transaction, AuditActor.Operator(http), Audited("organization.updated", id) with
            {
                Details = new JsonObject { ["fields"] = new JsonArray([.. ChangedFields(request)]) },
            }, cancellationToken)) ?? throw OrganizationErrors.NotFound();
        }
        catch (DuplicateKeyException)
        {
            throw OrganizationErrors.SlugTaken(request.Slug);
        }

        directory.Evict(change.Before);
        return TypedResults.Ok(ApiResponse.Of(OrganizationView.From((await organizations.GetByIdAsync(id, cancellationToken))!)));
    }

    /// <summary>Deactivation: its keys stop working and its payloads stop processing; every row stays.</summary>
    internal static async Task<Ok<ApiResponse<OrganizationView>>> DeactivateAsync(
        string id, HttpContext http, OrganizationStore organizations, OrganizationDirectory directory, AuditTrail audit, CancellationToken cancellationToken)
    {
        var current = await FindAsync(organizations, id, cancellationToken);
        await organizations.DeactivateAsync(id, cancellationToken,
            transaction => audit.RecordAsync(transaction, AuditActor.Operator(http), Audited("organization.deactivated", id), cancellationToken));
        directory.Evict(current);
        return TypedResults.Ok(ApiResponse.Of(OrganizationView.From((await organizations.GetByIdAsync(id, cancellationToken))!)));
    }

    internal static async Task<Organization> FindAsync(OrganizationStore organizations, string id, CancellationToken cancellationToken) =>
        await organizations.GetByIdAsync(id, cancellationToken) ?? throw OrganizationErrors.NotFound();

    private static AuditAction Audited(string action, string organizationId) =>
        new("organization", action) { OrganizationId = organizationId, TargetType = "organization", TargetId = organizationId };

    private static IEnumerable<JsonNode?> ChangedFields(UpdateOrganizationRequest r) =>
        new (string Name, object? Value)[] { ("name", r.Name), ("slug", r.Slug), ("planTier", r.PlanTier), ("settings", r.Settings), ("isActive", r.IsActive) }
            .Where(f => f.Value is not null).Select(f => (JsonNode?)JsonValue.Create(f.Name));
}
