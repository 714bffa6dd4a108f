namespace AccountingIntegration.Features.Tiers;

/// <summary>One row of the tier table. <see cref="RequestsPerMinute"/> 0 means unlimited.</summary>
internal sealed record PlanTierLimits(string Name, int RequestsPerMinute, int MaxSources, bool ProxyAccess, bool CsvExport)
{
    public bool Allows(PlanFeature feature) => feature switch
    {
        PlanFeature.ProxyAccess => ProxyAccess,
        PlanFeature.CsvExport => CsvExport,
        _ => false,
    };
}
