using System.Diagnostics.Metrics;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Connections;

/// <summary>QBO connections by state, read from the database at scrape time. Every known state is reported, 0 included, so an alert on refresh_failed has a series to watch.</summary>
internal sealed class ConnectionMetrics : IObservedMetrics
{
    private static readonly string[] States = [ConnectionStatus.Connected, ConnectionStatus.RefreshFailed, ConnectionStatus.Revoked];

    public ConnectionMetrics(ServiceMetrics metrics, OAuthTokenStore store, TimeProvider time, ILogger<ConnectionMetrics> logger)
    {
        var counts = new ScrapeCache<IReadOnlyDictionary<string, long>>(store.ListByStatusCountsAsync, time, logger);
        metrics.Meter.CreateObservableGauge("ai.qbo.connections", () => Observe(counts.Get()), description: "QBO company connections by state.");
    }

    private static IEnumerable<Measurement<long>> Observe(IReadOnlyDictionary<string, long>? counts) =>
        counts is null
            ? []
            : States.Union(counts.Keys).Select(state => new Measurement<long>(counts.GetValueOrDefault(state), new KeyValuePair<string, object?>("state", state))).ToList();
}
