namespace QboSandbox.Faults;

/// <summary>Injected faults in creation order.</summary>
internal sealed class FaultStore
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private int _nextId;
    private int _waiting;

    /// <summary>Requests currently held by a latency fault; tests poll it instead of sleeping.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public FaultRule Add(FaultRuleRequest request)
    {
        lock (_gate)
        {
            var rule = new FaultRule(++_nextId, request);
            _rules.Add(rule);
            return rule;
        }
    }

    public IReadOnlyList<FaultRule> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    public bool Remove(int id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public FaultRule? Fire(string? realmId, string method, string path, string? entity)
    {
        foreach (var rule in All)
        {
            if (rule.Matches(realmId, method, path, entity) && rule.TryFire())
            {
                return rule;
            }
        }

        return null;
    }

    public void EnterWait() => Interlocked.Increment(ref _waiting);

    public void ExitWait() => Interlocked.Decrement(ref _waiting);
}
