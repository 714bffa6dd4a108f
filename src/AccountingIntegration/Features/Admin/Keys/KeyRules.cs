using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Admin.Keys;

internal static class KeyRules
{
    public const string OrgInactive = "ORG_INACTIVE";

    /// <summary>A deactivated organization's keys and links cannot work, so handing out new ones would only mislead.</summary>
    public static void RequireActive(Organization organization)
    {
        if (!organization.IsActive)
        {
            throw ApiException.Conflict(OrgInactive, "The organization is deactivated; reactivate it before issuing credentials.");
        }
    }

    /// <summary>A response carrying a secret must not linger in any cache between us and the operator.</summary>
    public static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
