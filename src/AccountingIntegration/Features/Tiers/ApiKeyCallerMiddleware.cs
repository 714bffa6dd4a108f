using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Tiers;

/// <summary>
/// Attaches the <see cref="ApiKeyCaller"/> of a request that presents an X-API-Key, so the rate
/// limiter can partition by key and tier. The key check is the authenticator's, remembered on the request for the
/// endpoint's own; nothing is refused here.
/// </summary>
internal sealed class ApiKeyCallerMiddleware(RequestDelegate next, ApiKeyAuthenticator apiKeys, OrganizationDirectory organizations)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Headers[CredentialHeaders.ApiKey].ToString().Length > 0)
        {
            var key = await apiKeys.AuthenticateRequestAsync(http, http.RequestAborted);
            var organization = key is null ? null : await organizations.GetByIdAsync(key.OrganizationId, http.RequestAborted);
            new ApiKeyCaller(key?.KeyId, key?.OrganizationId, organization?.PlanTier).Attach(http);
        }

        await next(http);
    }
}
