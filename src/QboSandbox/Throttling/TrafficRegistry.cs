using System.Collections.Concurrent;

namespace QboSandbox.Throttling;

/// <summary>Per-realm traffic state, created on first use. Throttling is per realm (REFERENCE §6).</summary>
internal sealed class TrafficRegistry
{
    private readonly ConcurrentDictionary<string, RealmTraffic> _realms = new(StringComparer.Ordinal);
    private long _oauthRequests;

    public RealmTraffic For(string realmId) => _realms.GetOrAdd(realmId, id => new RealmTraffic(id));

    public void CountOAuthRequest() => Interlocked.Increment(ref _oauthRequests);

    public SandboxStats Snapshot()
    {
        var realms = _realms.Values.Select(r => r.Snapshot()).OrderBy(r => r.RealmId, StringComparer.Ordinal).ToList();
        return new SandboxStats(
            realms.Sum(r => r.Requests),
            Interlocked.Read(ref _oauthRequests),
            realms.Sum(r => r.Throttled),
            realms.Count == 0 ? 0 : realms.Max(r => r.MaxConcurrency),
            realms);
    }

    /// <summary>Forgets counters and windows; requests in flight keep their own (old) entries.</summary>
    public void Reset()
    {
        _realms.Clear();
        Interlocked.Exchange(ref _oauthRequests, 0);
    }
}
