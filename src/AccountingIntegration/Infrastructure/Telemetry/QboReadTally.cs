using System.Globalization;

namespace AccountingIntegration.Infrastructure.Telemetry;

/// <summary>
/// QBO read requests this process made and has not yet added to the shared monthly figure
/// (<c>QboReadUsageStore</c>), by UTC month and realm. Counting is in memory because a database write per QBO call
/// would cost more than the call; the flusher adds the counts to the database every few seconds and on shutdown.
/// </summary>
internal sealed class QboReadTally(TimeProvider time)
{
    private readonly Lock _gate = new();
    private Dictionary<(string Month, string RealmId), long> _pending = [];

    public void Count(string realmId)
    {
        var month = MonthOf(time.GetUtcNow());
        lock (_gate)
        {
            _pending[(month, realmId)] = _pending.GetValueOrDefault((month, realmId)) + 1;
        }
    }

    /// <summary>Reads counted but not yet taken for the database, for the given month.</summary>
    public IReadOnlyDictionary<string, long> PendingFor(string month)
    {
        lock (_gate)
        {
            return _pending.Where(p => p.Key.Month == month).ToDictionary(p => p.Key.RealmId, p => p.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>Hands over everything counted so far and starts again at zero.</summary>
    public IReadOnlyDictionary<(string Month, string RealmId), long> Take()
    {
        lock (_gate)
        {
            var taken = _pending;
            _pending = [];
            return taken;
        }
    }

    /// <summary>Gives counts back after a failed write, so no read goes uncounted.</summary>
    public void Return(IReadOnlyDictionary<(string Month, string RealmId), long> counts)
    {
        lock (_gate)
        {
            foreach (var (key, reads) in counts)
            {
                _pending[key] = _pending.GetValueOrDefault(key) + reads;
            }
        }
    }

    /// <summary>Intuit's meter runs per calendar month; UTC is our clock's.</summary>
    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
