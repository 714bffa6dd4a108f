using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;

namespace AccountingIntegration.Features.Tiers;

/// <summary>
/// The seed's require_plan_tier: refuses with 403 PLAN_TIER_REQUIRED, naming the cheapest tier
/// that has the feature, when the organization's plan lacks it. The organization is the route's
/// tenant (<c>{slug}</c> with its credential) or, on operator routes, an <c>organizationId</c>
/// route or query value; an operator request that names no organization is not gated.
/// </summary>
internal sealed class PlanFeatureFilter(PlanFeature feature) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await FindOrganizationAsync(http) is { } organization)
        {
            var tiers = http.RequestServices.GetRequiredService<PlanTierOptions>();
            var tier = tiers.For(organization.PlanTier);
            if (!tier.Allows(feature))
            {
                throw PlanTierErrors.FeatureRequires(feature, tiers.LowestWith(feature), tier.Name);
            }
        }

        return await next(context);
    }

    private static async Task<Organization?> FindOrganizationAsync(HttpContext http)
    {
        if (TenantContext.Cached(http) is { } tenant)
        {
            return tenant.Organization;
        }

        if (http.GetRouteValue("slug") is string)
        {
            return (await http.RequestServices.GetRequiredService<TenantResolver>().ResolveAsync(http)).Organization;
        }

        var organizationId = http.GetRouteValue("organizationId") as string ?? http.Request.Query["organizationId"].ToString();
        return organizationId.Length > 0
            ? await http.RequestServices.GetRequiredService<OrganizationStore>().GetByIdAsync(organizationId, http.RequestAborted)
            : null;
    }
}
