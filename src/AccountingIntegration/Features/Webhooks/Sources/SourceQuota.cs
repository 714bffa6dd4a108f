using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Tiers;

namespace AccountingIntegration.Features.Webhooks.Sources;

/// <summary>The tier's "number of sources": creating one more than the plan allows answers 403 PLAN_TIER_REQUIRED.</summary>
internal static class SourceQuota
{
    // Count then insert: two concurrent creates may both pass at the limit. A quota, not an invariant; one extra is tolerable.
    public static async Task EnsureRoomAsync(TenantContext tenant, WebhookStore webhooks, PlanTierOptions tiers, CancellationToken cancellationToken)
    {
        var tier = tiers.For(tenant.Organization.PlanTier);
        var sources = await webhooks.ListSourcesAsync(tenant.OrganizationId, cancellationToken);
        if (sources.Count(s => s.IsActive) >= tier.MaxSources)
        {
            var next = tiers.Tiers.SkipWhile(t => t != tier).Skip(1).FirstOrDefault(t => t.MaxSources > tier.MaxSources);
            throw PlanTierErrors.SourceLimit(tier, next);
        }
    }
}
