using System.Text.RegularExpressions;

namespace AccountingIntegration.Features.Organizations;

/// <summary>What makes a slug and a plan tier valid (SPEC §4).</summary>
internal static partial class OrganizationRules
{
    public static readonly IReadOnlyList<string> PlanTiers = ["free", "starter", "pro", "enterprise"];

    public static IReadOnlyList<string> Check(string slug, string planTier)
    {
        var problems = new List<string>();
        if (!SlugPattern().IsMatch(slug))
        {
            problems.Add("The slug must be 3-63 characters of a-z, 0-9 and '-'.");
        }

        if (!PlanTiers.Contains(planTier))
        {
            problems.Add($"The plan must be one of {string.Join(", ", PlanTiers)}.");
        }

        return problems;
    }

    [GeneratedRegex("^[a-z0-9-]{3,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
