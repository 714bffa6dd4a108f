using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Organizations;

/// <summary>The stable codes of the organization routes.</summary>
internal static class OrganizationErrors
{
    public const string NotFoundCode = "ORG_NOT_FOUND";
    public const string SlugTakenCode = "SLUG_TAKEN";
    public const string InactiveCode = "ORG_INACTIVE";

    public static ApiException NotFound() => ApiException.NotFound(NotFoundCode, "Organization not found.");

    public static ApiException SlugTaken(string? slug) => ApiException.Conflict(SlugTakenCode, $"The slug '{slug}' is already used.");

    /// <summary>A deactivated organization's keys and links cannot work, so handing out new ones would only mislead.</summary>
    public static void RequireActive(Organization organization)
    {
        if (!organization.IsActive)
        {
            throw ApiException.Conflict(InactiveCode, "The organization is deactivated; reactivate it before issuing credentials.");
        }
    }
}
