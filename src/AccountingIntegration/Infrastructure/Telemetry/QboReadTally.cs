using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace AccountingIntegration.Infrastructure.Telemetry;

/// <summary>
/// QBO read requests per realm in the current UTC month. Intuit meters an app's reads ("CorePlus") per month and blocks
/// the app past the free tier's 500,000, so an operator needs the running total, not a rate. Kept in memory: a restart
/// starts the month's figure again from zero (docs/operations.md says so), and with several instances each reports its
/// own share, which Prometheus sums. Persisting every read would cost a database write per QBO call.
/// </summary>
internal sealed class QboReadTally(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, long> _reads = new(StringComparer.Ordinal);
    private string _month = string.Empty;

    public void Count(string realmId)
    {
        lock (_gate)
        {
            RollOver();
            _reads.AddOrUpdate(realmId, 1, (_, n) => n + 1);
        }
    }

    public IEnumerable<Measurement<long>> Observe()
    {
        lock (_gate)
        {
            RollOver();
            var month = new KeyValuePair<string, object?>("month", _month);
            return [.. _reads.Select(r => new Measurement<long>(r.Value, new KeyValuePair<string, object?>("realm", r.Key), month))];
        }
    }

    /// <summary>A new month starts every realm at zero, as Intuit's meter does.</summary>
    private void RollOver()
    {
        var month = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (month != _month)
        {
            _month = month;
            _reads.Clear();
        }
    }
}
