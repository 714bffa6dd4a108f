using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Tiers;

/// <summary>
/// <c>GET /api/admin/plan-tiers</c>: the tier table as configured on this deployment (lowest first),
/// so an operator choosing an organization's plan sees what each one allows.
/// </summary>
internal static class PlanTierEndpoints
{
    public static RouteGroupBuilder MapPlanTiers(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/plan-tiers", "Admin Organizations");
        group.MapGet("", List).WithName("ListPlanTiers");
        return group;
    }

    internal static Ok<ApiResponse<IReadOnlyList<PlanTierLimits>>> List(PlanTierOptions tiers) => TypedResults.Ok(ApiResponse.Of(tiers.Tiers));
}
