using AccountingIntegration.Infrastructure.OpenApi;

namespace AccountingIntegration.Features.Tiers;

internal static class PlanFeatureExtensions
{
    /// <summary>Gates the endpoint on the organization's plan (<see cref="PlanFeatureFilter"/>), refused with 403 PLAN_TIER_REQUIRED.</summary>
    public static RouteHandlerBuilder RequirePlanFeature(this RouteHandlerBuilder builder, PlanFeature feature) =>
        builder.AddEndpointFilter(new PlanFeatureFilter(feature))
            .ProducesProblemCodes(StatusCodes.Status403Forbidden, PlanTierErrors.PlanTierRequired);

    /// <summary>Gates every endpoint of the group on the organization's plan (<see cref="PlanFeatureFilter"/>), refused with 403 PLAN_TIER_REQUIRED.</summary>
    public static RouteGroupBuilder RequirePlanFeature(this RouteGroupBuilder builder, PlanFeature feature) =>
        builder.AddEndpointFilter(new PlanFeatureFilter(feature))
            .ProducesProblemCodes(StatusCodes.Status403Forbidden, PlanTierErrors.PlanTierRequired);
}
