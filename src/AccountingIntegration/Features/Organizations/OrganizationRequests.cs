using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Organizations;

internal sealed record CreateOrganizationRequest(string? Name, string? Slug, string? PlanTier, JsonObject? Settings);

internal sealed record UpdateOrganizationRequest(string? Name, string? Slug, string? PlanTier, JsonObject? Settings, bool? IsActive);

internal sealed record OrganizationView(string OrganizationId, string Name, string Slug, string PlanTier, bool IsActive, JsonObject Settings, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static OrganizationView From(Organization o) => new(o.OrganizationId, o.Name, o.Slug, o.PlanTier, o.IsActive, o.Settings, o.CreatedAt, o.UpdatedAt);
}

internal static class OrganizationValidation
{
    public static void Check(string? name, string? slug, string? planTier, bool creating, JsonObject? settings = null)
    {
        var errors = new Dictionary<string, string[]>();
        if ((creating || name is not null) && (string.IsNullOrWhiteSpace(name) || name.Length > 200))
        {
            errors["name"] = ["is required, at most 200 characters"];
        }

        if ((creating || slug is not null) && OrganizationRules.SlugProblem(slug ?? string.Empty) is { } slugProblem)
        {
            errors["slug"] = [slugProblem];
        }

        if (planTier is not null && !OrganizationRules.PlanTiers.Contains(planTier))
        {
            errors["planTier"] = ["must be one of " + string.Join(", ", OrganizationRules.PlanTiers)];
        }

        if (OrganizationBranding.SettingsProblem(settings) is { } logoProblem)
        {
            errors["settings." + OrganizationBranding.LogoUrlKey] = [logoProblem];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }
    }
}
