namespace AccountingIntegration.Features.Tiers;

internal static class PlanFeatureExtensions
{
    /// <summary>Gates the endpoint on the organization's plan (<see cref="PlanFeatureFilter"/>).</summary>
    public static RouteHandlerBuilder RequirePlanFeature(this RouteHandlerBuilder builder, PlanFeature feature) =>
        builder.AddEndpointFilter(new PlanFeatureFilter(feature));

    /// <summary>Gates every endpoint of the group on the organization's plan (<see cref="PlanFeatureFilter"/>).</summary>
    public static RouteGroupBuilder RequirePlanFeature(this RouteGroupBuilder builder, PlanFeature feature) =>
        builder.AddEndpointFilter(new PlanFeatureFilter(feature));
}
