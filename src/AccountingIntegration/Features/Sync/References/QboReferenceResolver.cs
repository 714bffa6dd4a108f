using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Mapping;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Sync.References;

/// <summary>
/// Turns the names and e-mails a draft holds in <c>CustomerRef.value</c> and <c>ItemRef.value</c> into QBO
/// ids (SPEC §5 Resolvers): cached per realm, else queried, else created when the policy allows.
/// Only found ids are cached: a customer someone adds in QBO after a failure is found on the replay. Names are looked for
/// in the company's directory first (<see cref="ReferenceDirectory"/>, read in bulk): when it holds every customer or
/// item, one it lacks is created without a query. A document that names its currency gets a customer in that currency,
/// named and found as the vendors' books do (<see cref="CustomerCurrency"/>).
/// </summary>
internal sealed partial class QboReferenceResolver(QboClient qbo, KeyedLock locks, IMemoryCache cache, TimeProvider time, ReferenceDirectory directory)
{
    /// <summary>An idle entry leaves the cache after this.</summary>
    public static readonly TimeSpan SlidingLifetime = TimeSpan.FromMinutes(10);

    /// <summary>A busy entry is looked up again after this, so a customer made inactive in QBO stops being used.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    public Task<string> ResolveAsync(QboCredentials credentials, string entityType, string lookupValue, ResolutionPolicy policy, string field, CancellationToken cancellationToken) =>
        ResolveAsync(credentials, entityType, lookupValue, policy, field, null, cancellationToken);

    /// <summary>
    /// The id for <paramref name="lookupValue"/>; a customer with <paramref name="currency"/> is one in that currency
    /// (found, or created in it), and without, any customer of the name (QBO then takes the customer's currency).
    /// </summary>
    public async Task<string> ResolveAsync(QboCredentials credentials, string entityType, string lookupValue, ResolutionPolicy policy, string field,
        CustomerCurrency? currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(policy);
        var entity = ReferenceNames.Canonical(entityType);
        var value = lookupValue?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            throw new ReferenceNotFoundException(entity, lookupValue ?? string.Empty, field);
        }

        // Items have no currency: one item serves documents in every currency.
        currency = entity == ReferenceNames.Customer ? currency : null;
        var key = ReferenceNames.CacheKey(credentials.RealmId, entity, value, currency);
        if (TryGetCached(key, out var cached))
        {
            return cached;
        }

        // "One create per name" holds across every worker of the process through the shared lock;
        // other processes are covered by the requestid and the 6240 fallback.
        using (await locks.AcquireAsync("reference:" + key, cancellationToken))
        {
            // Whoever held the lock before us may have resolved (or created) it meanwhile.
            if (TryGetCached(key, out cached))
            {
                return cached;
            }

            var known = await directory.GetAsync(credentials, entity, cancellationToken);
            var id = FindKnown(known, entity, value, currency);
            if (id is null && !(known.Complete && policy.AllowsCreating(entity)))
            {
                // The directory holds part of the company, or a refusal follows: only QBO's own answer will do.
                id = await ReferenceLookup.FindAsync(qbo, credentials, entity, value, currency, cancellationToken);
            }

            if (id is null)
            {
                if (!policy.AllowsCreating(entity))
                {
                    // Named as it was looked for: a customer in euros is "Name (EUR)".
                    throw new ReferenceNotFoundException(entity, currency?.DisplayName(value) ?? value, field);
                }

                id = await CreateAsync(credentials, entity, value, field, currency, known, cancellationToken);
            }

            Remember(key, id);
            return id;
        }
    }

    /// <summary>
    /// Replaces every lookup value of a draft with its id, in place. Each distinct entity and name is
    /// resolved once, one after another: a draft's references share the realm's QBO limits with other workers. The
    /// customer is one in <paramref name="currency"/>, the document's, when it names one.
    /// </summary>
    public async Task ApplyAsync(QboCredentials credentials, JsonObject invoice, IReadOnlyList<ResolverRequest> requests, ResolutionPolicy policy,
        CustomerCurrency? currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(requests);
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var entity = ReferenceNames.Canonical(request.EntityType);
            var distinct = entity + ":" + ReferenceNames.Normalize(request.LookupValue);
            if (!resolved.TryGetValue(distinct, out var id))
            {
                id = await ResolveAsync(credentials, entity, request.LookupValue, policy, request.QboField, currency, cancellationToken);
                resolved[distinct] = id;
            }

            InvoiceReferencePath.Write(invoice, request.QboField, id);
        }
    }

    /// <summary>The directory's answer, looked for the way <see cref="ReferenceLookup"/> asks QBO.</summary>
    private static string? FindKnown(DirectoryIndex known, string entity, string value, CustomerCurrency? currency)
    {
        var found = entity == ReferenceNames.Customer
            ? (ReferenceNames.MayBeEmail(value) ? known.ByEmail(value) : []).Concat(known.ByName(ReferenceNames.CustomerName(value, currency)))
                .Where(customer => currency is null || currency.Holds(customer.Currency))
            : known.ByName(value).Concat(known.BySku(value));
        return found.FirstOrDefault()?.Id;
    }

    private bool TryGetCached(string key, out string id)
    {
        if (cache.TryGetValue(key, out CachedId? entry) && entry is not null && time.GetUtcNow() - entry.ResolvedAt < MaxAge)
        {
            id = entry.Id;
            return true;
        }

        id = string.Empty;
        return false;
    }

    private void Remember(string key, string id) =>
        cache.Set(key, new CachedId(id, time.GetUtcNow()), new MemoryCacheEntryOptions { SlidingExpiration = SlidingLifetime });

    private sealed record CachedId(string Id, DateTimeOffset ResolvedAt);
}
