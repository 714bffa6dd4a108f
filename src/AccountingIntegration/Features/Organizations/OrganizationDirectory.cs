using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Organizations;

/// <summary>
/// The one cached way to find an organization, used on every request (webhooks, tenant routes, rate
/// limits, usage). One freshness rule: a found organization is kept for <see cref="FreshFor"/>, an
/// unknown one is never cached (something created a moment ago is seen at once), and a change made
/// through this process evicts it at once. Another instance may see a change up to <see cref="FreshFor"/> late.
/// </summary>
internal sealed class OrganizationDirectory(OrganizationStore store, IMemoryCache cache)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    /// <summary>The organization with this id, active or not.</summary>
    public Task<Organization?> GetByIdAsync(string organizationId, CancellationToken cancellationToken) =>
        CachedAsync(IdKey(organizationId), () => store.GetByIdAsync(organizationId, cancellationToken));

    /// <summary>The active organization with this slug.</summary>
    public Task<Organization?> GetBySlugAsync(string slug, CancellationToken cancellationToken) =>
        CachedAsync(SlugKey(slug), () => store.GetBySlugAsync(slug, cancellationToken));

    /// <summary>Forgets every cached view of the organization (call with the row as it was before a change).</summary>
    public void Evict(Organization organization)
    {
        cache.Remove(IdKey(organization.OrganizationId));
        cache.Remove(SlugKey(organization.Slug));
    }

    private async Task<Organization?> CachedAsync(string key, Func<Task<Organization?>> load)
    {
        if (cache.TryGetValue(key, out Organization? cached) && cached is not null)
        {
            return cached;
        }

        var loaded = await load();
        if (loaded is not null)
        {
            cache.Set(key, loaded, FreshFor);
        }

        return loaded;
    }

    private static string IdKey(string organizationId) => "organization-id:" + organizationId;

    private static string SlugKey(string slug) => "organization-slug:" + slug;
}
