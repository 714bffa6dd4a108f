using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Tiers;

internal static class PlanTierErrors
{
    public const string PlanTierRequired = "PLAN_TIER_REQUIRED";

    public static ApiException FeatureRequires(PlanFeature feature, string? neededTier, string currentTier) =>
        new(StatusCodes.Status403Forbidden, PlanTierRequired, neededTier is null
            ? $"{feature} is not part of any plan."
            : $"{feature} needs the {neededTier} plan or higher; this organization is on the {currentTier} plan.");

    public static ApiException SourceLimit(PlanTierLimits current, PlanTierLimits? next) =>
        new(StatusCodes.Status403Forbidden, PlanTierRequired, next is null
            ? $"The {current.Name} plan allows {current.MaxSources} webhook sources."
            : $"The {current.Name} plan allows {current.MaxSources} webhook source(s); the {next.Name} plan allows {next.MaxSources}.");
}
