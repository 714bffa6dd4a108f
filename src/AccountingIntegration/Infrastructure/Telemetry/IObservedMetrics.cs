namespace AccountingIntegration.Infrastructure.Telemetry;

/// <summary>
/// A feature's gauges, read at scrape time. Features register theirs as this interface; the telemetry setup resolves
/// them all at start, which creates their instruments before the first scrape.
/// </summary>
internal interface IObservedMetrics;
