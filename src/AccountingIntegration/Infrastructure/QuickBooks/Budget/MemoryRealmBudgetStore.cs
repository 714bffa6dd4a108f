namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

/// <summary>
/// The budget of a client built without a database (a bare service collection): the same rules over grants kept in
/// memory, for this process alone.
/// </summary>
internal sealed class MemoryRealmBudgetStore(QboOptions options, TimeProvider time) : IRealmBudgetStore
{
    private readonly RealmBudgetLimits _limits = RealmBudgetLimits.From(options);
    private readonly Dictionary<string, List<(string Id, long At, int Requests, int Batches)>> _grants = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<RealmGrant> ReserveAsync(RealmBudgetRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var at = now.ToUnixTimeMilliseconds();
        var secondFrom = at - (long)_limits.SecondWindow.TotalMilliseconds;
        var minuteFrom = at - (long)_limits.MinuteWindow.TotalMilliseconds;
        lock (_gate)
        {
            if (!_grants.TryGetValue(request.RealmId, out var grants))
            {
                grants = [];
                _grants[request.RealmId] = grants;
            }

            grants.RemoveAll(g => g.At <= minuteFrom);
            var inSecond = grants.Where(g => g.At > secondFrom).ToList();
            var batches = grants.Where(g => g.Batches > 0).ToList();
            var use = new RealmBudgetUse(
                inSecond.Sum(g => g.Requests), grants.Sum(g => g.Requests), batches.Sum(g => g.Batches),
                inSecond.Count == 0 ? null : inSecond.Min(g => g.At), grants.Count == 0 ? null : grants.Min(g => g.At),
                batches.Count == 0 ? null : batches.Min(g => g.At), OthersHeld: 0, OthersWanting: 0);
            var grant = RealmBudgetRules.Decide(_limits, request, use, now);
            if (grant.Requests > 0)
            {
                grant = grant with { GrantId = Guid.NewGuid().ToString() };
                grants.Add((grant.GrantId, at, grant.Requests, grant.Batches));
            }

            return Task.FromResult(grant);
        }
    }

    public Task ReturnAsync(string realmId, string grantId, int requests, int batches, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_grants.TryGetValue(realmId, out var grants) && grants.FindIndex(g => g.Id == grantId) is var i and >= 0
                && grants[i].Requests >= requests && grants[i].Batches >= batches)
            {
                grants[i] = grants[i] with { Requests = grants[i].Requests - requests, Batches = grants[i].Batches - batches };
            }
        }

        return Task.CompletedTask;
    }

    // Alone in memory, no other instance waits for the slots.
    public Task ReleaseAsync(string realmId, int held, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseAllAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
