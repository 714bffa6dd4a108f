using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Tenancy;

internal static class TenantErrors
{
    public const string ApiKeyRequired = "API_KEY_REQUIRED";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string KeyScopeForbiddenCode = "KEY_SCOPE_FORBIDDEN";

    // One answer for "no such org", "inactive" and "not yours": a key must not reveal other tenants.
    public static ApiException NotFound() => OrganizationErrors.NotFound();

    public static ApiException KeyRequired() =>
        new(StatusCodes.Status401Unauthorized, ApiKeyRequired, "Send the organization's API key in the X-API-Key header, or an admin bearer token.");

    public static ApiException KeyInvalid() =>
        new(StatusCodes.Status401Unauthorized, InvalidApiKey, "The API key is unknown, revoked or expired.");

    // 403, not 404: the key belongs to this organization, so its holder learns nothing new from the refusal.
    public static ApiException KeyScopeForbidden() =>
        new(StatusCodes.Status403Forbidden, KeyScopeForbiddenCode,
            "This API key is bound to one webhook source: it only sends to that source and reads that source's payloads.");
}
