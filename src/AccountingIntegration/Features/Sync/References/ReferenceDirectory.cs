using System.Globalization;
using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Sync.References;

/// <summary>
/// A company's active customers and items, read in bulk (pages of 1,000, one metered read each) instead of one query per
/// name: Intuit meters reads, and a shop's every new buyer would otherwise cost two (by e-mail, then by name) before its
/// create. Kept current with one query per entity for what changed since the last look (inactive rows included, so they
/// leave), and by the creates the service makes itself, added without reading them back. A company with more rows than
/// <see cref="MaxEntries"/> is loaded in part: what is there is found, and a miss is still asked of QBO.
/// </summary>
internal sealed class ReferenceDirectory(QboClient qbo, KeyedLock locks, IMemoryCache cache, TimeProvider time)
{
    /// <summary>Rows loaded per entity and company at most (20 reads): beyond, misses go to QBO one by one.</summary>
    public const int MaxEntries = 20_000;

    /// <summary>How old the index may be before a miss is no longer trusted without asking QBO what changed.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(2);

    /// <summary>A busy company's index is loaded whole again after this, healing anything the deltas could not see.</summary>
    public static readonly TimeSpan ReloadAfter = TimeSpan.FromHours(6);

    /// <summary>
    /// The delta asks from a little before the last look: QBO stamps LastUpdatedTime on its own clock, and a row seen
    /// twice is simply put again.
    /// </summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    /// <summary>An idle company's index leaves memory after this.</summary>
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(30);

    /// <summary>The company's index of <paramref name="entity"/> (Customer or Item), loaded or brought up to date first when due.</summary>
    public async Task<DirectoryIndex> GetAsync(QboCredentials credentials, string entity, CancellationToken cancellationToken)
    {
        var key = $"qbo-directory:{credentials.RealmId}:{entity}";
        if (cache.TryGetValue(key, out DirectoryIndex? index) && index is not null && Fresh(index))
        {
            return index;
        }

        using (await locks.AcquireAsync(key, cancellationToken))
        {
            if (cache.TryGetValue(key, out index) && index is not null && Fresh(index))
            {
                return index;
            }

            var now = time.GetUtcNow();
            if (index is null || now - index.LoadedAt >= ReloadAfter)
            {
                index = await LoadAsync(credentials, entity, now, cancellationToken);
            }
            else
            {
                await CatchUpAsync(credentials, index, now, cancellationToken);
            }

            cache.Set(key, index, new MemoryCacheEntryOptions { SlidingExpiration = IdleLifetime });
            return index;
        }
    }

    private bool Fresh(DirectoryIndex index) => time.GetUtcNow() - index.SyncedAt < RefreshAfter;

    private async Task<DirectoryIndex> LoadAsync(QboCredentials credentials, string entity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = new DirectoryIndex(entity) { LoadedAt = now, SyncedAt = now };
        for (var start = 1; start <= MaxEntries; start += QboQuery.MaxPageSize)
        {
            // Active rows only (QBO's default for name lists), oldest first so a partial load keeps the long-standing ones;
            // ORDERBY Id with STARTPOSITION is how QBO clients page whole name lists (REFERENCE §2.5: 1,000 a page at most).
            var page = await qbo.QueryAsync(credentials, entity, QboQuery.Select(entity, null, start, QboQuery.MaxPageSize, "Id"), cancellationToken);
            foreach (var row in page.Items)
            {
                index.Put(row);
            }

            if (page.Items.Count < QboQuery.MaxPageSize)
            {
                index.Complete = true;
                break;
            }
        }

        return index;
    }

    /// <summary>Puts every row changed since the last look, active or not, page by page.</summary>
    private async Task CatchUpAsync(QboCredentials credentials, DirectoryIndex index, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = (index.SyncedAt - Overlap).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var where = $"MetaData.LastUpdatedTime >= {QboQuery.Literal(since)} AND Active IN (true, false)";
        for (var start = 1; ; start += QboQuery.MaxPageSize)
        {
            var page = await qbo.QueryAsync(credentials, index.Entity, QboQuery.Select(index.Entity, where, start, QboQuery.MaxPageSize, "Id"), cancellationToken);
            foreach (var row in page.Items)
            {
                index.Put(row);
            }

            if (page.Items.Count < QboQuery.MaxPageSize)
            {
                break;
            }
        }

        index.SyncedAt = now;
    }
}
