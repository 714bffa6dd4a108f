using System.Diagnostics.Metrics;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>The queue's gauges: read from the database at scrape time (every instance sees the same shared queue).</summary>
internal sealed class QueueMetrics : IObservedMetrics
{
    public QueueMetrics(ServiceMetrics metrics, WebhookQueueStore queue, TimeProvider time, ILogger<QueueMetrics> logger)
    {
        var depth = new ScrapeCache<QueueDepth>(queue.DepthAsync, time, logger);
        metrics.Meter.CreateObservableGauge("ai.queue.depth", () => depth.Get() is { } d ? [new Measurement<long>(d.Depth)] : Array.Empty<Measurement<long>>(),
            description: "Payloads in the queue: due, retrying, leased, and parked waiting for a connection or a dependency.");
        metrics.Meter.CreateObservableGauge("ai.queue.oldest_due.age",
            () => depth.Get() is { } d ? [new Measurement<double>(d.OverdueSeconds(time.GetUtcNow().UtcDateTime))] : Array.Empty<Measurement<double>>(),
            "s", "How long the oldest due payload has waited past its due time; 0 when nothing is overdue. Growing means the workers fall behind.");
        metrics.Meter.CreateObservableGauge("ai.queue.oldest_waiting_connection.age",
            () => depth.Get()?.WaitingConnectionSeconds(time.GetUtcNow().UtcDateTime) is { } seconds ? [new Measurement<double>(seconds)] : Array.Empty<Measurement<double>>(),
            "s", "Since the oldest payload parked for a QBO connection arrived; absent when none waits.");
        var byStatus = new ScrapeCache<IReadOnlyDictionary<string, long>>(queue.CountByStatusAsync, time, logger);
        metrics.Meter.CreateObservableGauge("ai.queue.payloads",
            () => byStatus.Get() is { } counts ? counts.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("status", c.Key))).ToList() : [],
            description: "Payloads in the queue by status; finished ones (succeeded, failed, dead…) are counted by ai.payloads.processed.");
    }
}
