using System.Diagnostics.Metrics;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Infrastructure.QuickBooks.Metering;

/// <summary>
/// <c>ai_qbo_reads_current_month</c>: each company's QBO reads this UTC month, all instances together (the shared
/// figure) plus what this instance has counted and not yet written. The realm label is bounded by connected companies.
/// </summary>
internal sealed class QboReadMetrics : IObservedMetrics
{
    public QboReadMetrics(ServiceMetrics metrics, QboReadUsageStore store, QboReadTally tally, TimeProvider time, ILogger<QboReadMetrics> logger)
    {
        var shared = new ScrapeCache<MonthReads>(
            async ct =>
            {
                var month = QboReadTally.MonthOf(time.GetUtcNow());
                return new MonthReads(month, await store.ListMonthAsync(month, ct));
            },
            time, logger);
        metrics.Meter.CreateObservableGauge("ai.qbo.reads.current_month", () => Observe(shared.Get(), tally, QboReadTally.MonthOf(time.GetUtcNow())),
            description: "QBO read requests (GETs and queries) this UTC month per realm, all instances together; Intuit meters reads per app and month.");
    }

    private static IEnumerable<Measurement<long>> Observe(MonthReads? shared, QboReadTally tally, string month)
    {
        var reads = new Dictionary<string, long>(tally.PendingFor(month), StringComparer.Ordinal);
        foreach (var realm in shared?.Month == month ? shared.Realms : [])
        {
            reads[realm.RealmId] = reads.GetValueOrDefault(realm.RealmId) + realm.ReadCount;
        }

        var monthTag = new KeyValuePair<string, object?>("month", month);
        return [.. reads.Select(r => new Measurement<long>(r.Value, new KeyValuePair<string, object?>("realm", r.Key), monthTag))];
    }

    private sealed record MonthReads(string Month, IReadOnlyList<RealmReads> Realms);
}
