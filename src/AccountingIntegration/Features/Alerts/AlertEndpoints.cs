using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Every alert is recorded and listable: operators see all of them (<c>GET /api/admin/alerts</c>), an organization
/// sees its own (<c>GET /api/v1/org/{slug}/alerts</c>), newest first, with each destination's delivery.
/// </summary>
internal static class AlertEndpoints
{
    public static RouteGroupBuilder MapAdminAlertEndpoints(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/alerts", "Admin Alerts");
        group.MapGet("", ListAllAsync).WithName("ListAlerts")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);
        return group;
    }

    public static void MapTenantAlertEndpoints(this TenantRouteGroup tenant) =>
        tenant.Routes.MapGet("/alerts", ListOwnAsync).WithName("ListOrganizationAlerts")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed);

    internal static async Task<Ok<PagedResponse<AlertView>>> ListAllAsync(
        AlertStore alerts, string? organizationId, string? kind, string? state, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok((await alerts.ListAsync(Filter(organizationId, kind, state), ListQuery.Page(page, pageSize), cancellationToken)).ToResponse(AlertView.From));

    internal static async Task<Ok<PagedResponse<AlertView>>> ListOwnAsync(
        TenantContext tenant, AlertStore alerts, string? kind, string? state, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok((await alerts.ListAsync(Filter(tenant.OrganizationId, kind, state), ListQuery.Page(page, pageSize), cancellationToken))
            .ToResponse(AlertView.From));

    private static AlertFilter Filter(string? organizationId, string? kind, string? state)
    {
        var errors = new Dictionary<string, string[]>();
        if (kind is not null && !AlertKinds.All.Contains(kind))
        {
            errors["kind"] = [$"must be one of {string.Join(", ", AlertKinds.All)}"];
        }

        if (state is not null && !AlertStates.All.Contains(state))
        {
            errors["state"] = [$"must be one of {string.Join(", ", AlertStates.All)}"];
        }

        return errors.Count > 0 ? throw ApiException.Validation(errors) : new AlertFilter(organizationId, kind, state);
    }
}
