namespace AccountingIntegration.Features.Tiers;

/// <summary>What a plan tier may switch on; <see cref="PlanTierOptions"/> says which tiers have which.</summary>
internal enum PlanFeature
{
    /// <summary>Read-only access to the connected QBO company through <c>/proxy</c>.</summary>
    ProxyAccess,

    /// <summary>CSV export of logs and payloads.</summary>
    CsvExport,
}
