using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Tenancy;

/// <summary>
/// Decides which organization a <c>/{slug}</c> request acts for: the organization must exist and
/// be active, and the caller must hold that organization's API key (X-API-Key) or an operator's
/// bearer token. Another organization's key is answered exactly like an unknown slug (404); a key
/// bound to a source only opens the routes that allow it (<see cref="SourceBoundKeys"/>).
/// The result is remembered for the rest of the request.
/// </summary>
internal sealed class TenantResolver(OrganizationDirectory organizations, ApiKeyAuthenticator apiKeys)
{
    public async Task<TenantContext> ResolveAsync(HttpContext http)
    {
        if (TenantContext.Cached(http) is { } cached)
        {
            return cached;
        }

        var slug = http.GetRouteValue("slug") as string ?? throw TenantErrors.NotFound();
        var tenant = await ResolveAsync(http, slug, http.RequestAborted);
        tenant.Attach(http);
        return tenant;
    }

    private async Task<TenantContext> ResolveAsync(HttpContext http, string slug, CancellationToken cancellationToken)
    {
        var presentedKey = http.Request.Headers[CredentialHeaders.ApiKey].ToString();
        var user = http.User;
        var isOperator = user.Identity?.IsAuthenticated == true && AdminRoles.All.Any(user.IsInRole);
        if (presentedKey.Length == 0 && !isOperator)
        {
            throw TenantErrors.KeyRequired();
        }

        var organization = await organizations.GetBySlugAsync(slug, cancellationToken);
        if (presentedKey.Length > 0)
        {
            var key = await apiKeys.AuthenticateRequestAsync(http, cancellationToken) ?? throw TenantErrors.KeyInvalid();
            if (organization is null || key.OrganizationId != organization.OrganizationId)
            {
                throw TenantErrors.NotFound();
            }

            // Checked after the organization, so a bound key of another organization still gets the 404 of an unknown one.
            if (key.SourceId is not null && !SourceBoundKeys.AreAllowed(http.GetEndpoint()?.Metadata))
            {
                throw TenantErrors.KeyScopeForbidden();
            }

            return new TenantContext(organization, TenantCaller.ApiKey, key.KeyId, key.KeyId, key.SourceId);
        }

        var actor = user.FindFirst("sub")?.Value ?? "admin";
        return organization is null
            ? throw TenantErrors.NotFound()
            : new TenantContext(organization, TenantCaller.Admin, actor, null, null);
    }
}
