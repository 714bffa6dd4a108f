using System.Text.RegularExpressions;

namespace QboSandbox.Faults;

/// <summary>An active fault rule: its criteria, remaining count and its own seeded random generator.</summary>
internal sealed class FaultRule
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly Regex? _path;
    private int? _remaining;
    private int _hits;

    public FaultRule(int id, FaultRuleRequest request)
    {
        Id = id;
        Request = request;
        _remaining = request.Count;
        _random = new Random(request.Seed);
        _path = request.Path is null
            ? null
            : new Regex("^" + Regex.Escape(request.Path).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public int Id { get; }

    public FaultRuleRequest Request { get; }

    public int Hits => Volatile.Read(ref _hits);

    public int? Remaining
    {
        get
        {
            lock (_gate)
            {
                return _remaining;
            }
        }
    }

    public bool Matches(string? realmId, string method, string path, string? entity) =>
        (Request.RealmId is null || Request.RealmId == realmId)
        && (Request.Method is null || string.Equals(Request.Method, method, StringComparison.OrdinalIgnoreCase))
        && (_path is null || _path.IsMatch(path))
        && (Request.Entity is null || string.Equals(Request.Entity, entity, StringComparison.OrdinalIgnoreCase));

    /// <summary>Consumes one use when the rule fires; the draw happens only for matching requests, so runs are repeatable.</summary>
    public bool TryFire()
    {
        lock (_gate)
        {
            if (_remaining is <= 0)
            {
                return false;
            }

            if (Request.Probability is { } p && _random.NextDouble() >= p)
            {
                return false;
            }

            _remaining--;
            _hits++;
            return true;
        }
    }
}
