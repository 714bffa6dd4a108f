using System.Text.RegularExpressions;

namespace AccountingIntegration.Features.Organizations;

/// <summary>What makes a slug and a plan tier valid (SPEC §4).</summary>
internal static partial class OrganizationRules
{
    public static readonly IReadOnlyList<string> PlanTiers = ["free", "starter", "pro", "enterprise"];

    /// <summary>
    /// Words a slug cannot take: they name the service's own paths and pages, so an organization called
    /// "admin" or "oauth" would read as ours in URLs, logs and the console.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "api", "public", "health", "healthz", "ready", "metrics", "console", "docs", "openapi", "swagger",
        "connect", "connected", "oauth", "auth", "login", "logout", "static", "assets", "www", "status", "webhooks",
        "org", "orgs", "system", "root", "help", "intuit", "qbo", "sandbox",
    };

    public static IReadOnlyList<string> Check(string slug, string planTier)
    {
        var problems = new List<string>();
        if (SlugProblem(slug) is { } slugProblem)
        {
            problems.Add($"The slug {slugProblem}.");
        }

        if (!PlanTiers.Contains(planTier))
        {
            problems.Add($"The plan must be one of {string.Join(", ", PlanTiers)}.");
        }

        return problems;
    }

    /// <summary>What is wrong with the slug, as the end of "The slug …", or null when it is fine.</summary>
    public static string? SlugProblem(string slug)
    {
        if (!SlugPattern().IsMatch(slug))
        {
            return "must be 3-63 characters of a-z, 0-9 and '-'";
        }

        // A slug is a URL segment and a word people read: no dangling or doubled hyphens.
        if (slug.StartsWith('-') || slug.EndsWith('-') || slug.Contains("--", StringComparison.Ordinal))
        {
            return "must start and end with a letter or digit and must not hold '--'";
        }

        return ReservedSlugs.Contains(slug) ? $"'{slug}' is reserved" : null;
    }

    [GeneratedRegex("^[a-z0-9-]{3,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
