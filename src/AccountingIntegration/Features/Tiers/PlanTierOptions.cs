using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Tiers;

/// <summary>
/// The plan tier table: per tier, requests per minute per API key, webhook sources, proxy access
/// and CSV export. Every cell can be overridden: <c>PLAN_{TIER}_REQUESTS_PER_MINUTE</c>,
/// <c>PLAN_{TIER}_MAX_SOURCES</c>, <c>PLAN_{TIER}_PROXY_ACCESS</c>, <c>PLAN_{TIER}_CSV_EXPORT</c>
/// (TIER is FREE, STARTER, PRO or ENTERPRISE).
/// </summary>
internal sealed class PlanTierOptions
{
    private static readonly PlanTierLimits[] Defaults =
    [
        new("free", 60, 1, ProxyAccess: false, CsvExport: false),
        new("starter", 300, 3, ProxyAccess: false, CsvExport: true),
        new("pro", 1200, 10, ProxyAccess: true, CsvExport: true),
        new("enterprise", 6000, 100, ProxyAccess: true, CsvExport: true),
    ];

    /// <summary>Lowest tier first.</summary>
    public required IReadOnlyList<PlanTierLimits> Tiers { get; init; }

    /// <summary>The limits of a tier; an unknown name gets the lowest tier's, never more.</summary>
    public PlanTierLimits For(string? tier) =>
        Tiers.FirstOrDefault(t => string.Equals(t.Name, tier, StringComparison.OrdinalIgnoreCase)) ?? Tiers[0];

    /// <summary>The cheapest tier that has the feature, or null when none has it.</summary>
    public string? LowestWith(PlanFeature feature) => Tiers.FirstOrDefault(t => t.Allows(feature))?.Name;

    public static PlanTierOptions Bind(IConfiguration configuration, List<string> problems) => new()
    {
        Tiers = Defaults.Select(d => BindTier(configuration, d, problems)).ToList(),
    };

    private static PlanTierLimits BindTier(IConfiguration configuration, PlanTierLimits defaults, List<string> problems)
    {
        var prefix = $"PLAN_{defaults.Name.ToUpperInvariant()}_";
        var tier = new PlanTierLimits(
            defaults.Name,
            Settings.Integer(configuration, prefix + "REQUESTS_PER_MINUTE", defaults.RequestsPerMinute, problems),
            Settings.Integer(configuration, prefix + "MAX_SOURCES", defaults.MaxSources, problems),
            Settings.Boolean(configuration, prefix + "PROXY_ACCESS", defaults.ProxyAccess, problems),
            Settings.Boolean(configuration, prefix + "CSV_EXPORT", defaults.CsvExport, problems));
        if (tier.RequestsPerMinute < 0)
        {
            problems.Add($"{prefix}REQUESTS_PER_MINUTE: must be 0 (unlimited) or more (got {tier.RequestsPerMinute}).");
        }

        if (tier.MaxSources < 1)
        {
            problems.Add($"{prefix}MAX_SOURCES: must be at least 1 (got {tier.MaxSources}).");
        }

        return tier;
    }
}
