using AccountingIntegration.Features.Organizations;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Tiers;

/// <summary>
/// Organizations read for rate limiting and usage, cached briefly: these run on every request, and a
/// plan change may take <see cref="CacheFor"/> to reach the limiter. Access decisions never use it.
/// </summary>
internal sealed class OrganizationLookup(OrganizationStore organizations, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public Task<Organization?> GetByIdAsync(string organizationId, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync("org-by-id:" + organizationId, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return organizations.GetByIdAsync(organizationId, cancellationToken);
        });

    public Task<Organization?> GetBySlugAsync(string slug, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync("org-by-slug:" + slug, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return organizations.GetBySlugAsync(slug, cancellationToken);
        });
}
