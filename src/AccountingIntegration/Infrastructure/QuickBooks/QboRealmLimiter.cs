using System.Collections.Concurrent;
using AccountingIntegration.Infrastructure.QuickBooks.Budget;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// QBO's per-realm limits (REFERENCE §6): requests in flight, per second, per minute and batches per minute for each
/// company, drawn from one budget that every instance on the database shares (docs/decisions/0010-shared-realm-budget.md).
/// Callers wait rather than collect 429s; one busy tenant never slows another; within a company each kind of traffic
/// keeps its share while others wait. Time comes from the injected clock, so tests can move it.
/// </summary>
internal sealed class QboRealmLimiter(IRealmBudgetStore store, QboOptions options, TimeProvider time, ILogger<QboRealmLimiter> logger)
{
    private readonly RealmBudgetLimits _limits = RealmBudgetLimits.From(options);
    private readonly ConcurrentDictionary<string, RealmDispatcher> _realms = new(StringComparer.Ordinal);

    /// <summary>
    /// Requests holding a permit right now, across companies, counted from the moment the permit is handed over, before
    /// the caller has resumed to look at it (tests move their clock only when none travels).
    /// </summary>
    public int InFlight => _realms.Values.Sum(realm => realm.InFlight);

    /// <summary>Companies whose budget is being reserved right now (tests hold their clock still meanwhile, as for a request).</summary>
    public int Reserving => _realms.Values.Count(realm => realm.Reserving);

    /// <summary>
    /// Whether a batch request to <paramref name="realmId"/> would likely start soon, given what this instance last learned
    /// of the company's shared batch window (<see cref="RealmDispatcher.BatchLikelyFree"/>): true before it learned anything.
    /// </summary>
    /// <param name="realmId">The company.</param>
    public bool BatchLikelyFree(string realmId) => !_realms.TryGetValue(realmId, out var realm) || realm.BatchLikelyFree();

    /// <summary>Waits for a permit for <paramref name="realmId"/>; dispose it when the response has arrived.</summary>
    /// <param name="realmId">The company the request goes to.</param>
    /// <param name="traffic">What the request is for, which decides whose turn it waits in.</param>
    /// <param name="isBatch">A batch request, which also counts against the batch window.</param>
    /// <param name="cancellationToken">Gives up waiting.</param>
    public async ValueTask<IDisposable> AcquireAsync(string realmId, QboTraffic traffic, bool isBatch, CancellationToken cancellationToken)
    {
        var realm = _realms.GetOrAdd(realmId, id => new RealmDispatcher(id, store, _limits, time, logger));
        for (var late = 0; ; late++)
        {
            var waiter = realm.Enqueue(traffic, isBatch);
            DateTimeOffset lapsesAt;
            await using (cancellationToken.Register(() => realm.GaveUp(waiter, cancellationToken)))
            {
                lapsesAt = await waiter.Started;
            }

            var permit = new Permit(realm);
            var now = time.GetUtcNow();
            if (now <= lapsesAt || late == MaxLatePermits)
            {
                return permit;
            }

            // The caller resumed after its permit lapsed (a saturated thread pool): the windows counted the permit when it
            // was granted and allow only the margin for the way to QBO, so a request sent now may reach QBO in a later
            // second than it was counted in, and draw a 429. The permit still counts; the caller waits for a fresh one.
            Log.PermitLate(logger, realmId, (now - lapsesAt).TotalMilliseconds);
            permit.Dispose();
        }
    }

    /// <summary>
    /// Permits a caller gives up for having resumed too late before it sends on the next one anyway: one, so a thread pool
    /// that is late every time delays each request by one permit rather than stopping the company's traffic.
    /// </summary>
    private const int MaxLatePermits = 1;

    private sealed class Permit(RealmDispatcher realm) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                realm.Finished();
            }
        }
    }
}
