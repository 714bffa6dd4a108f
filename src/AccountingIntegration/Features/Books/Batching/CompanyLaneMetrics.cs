using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// The documents this instance holds for their company's turn to be sent (<see cref="CompanyLanes"/>), read from memory at
/// scrape time. A few come and go while a company's senders are busy; a count that stays high means companies take
/// documents more slowly than they come (their request budget spent), and the drain into them is at its ceiling.
/// </summary>
internal sealed class CompanyLaneMetrics : IObservedMetrics
{
    public CompanyLaneMetrics(ServiceMetrics metrics, CompanyLanes lanes) =>
        metrics.Meter.CreateObservableGauge("ai.qbo.batch.waiting", () => lanes.WaitingCount,
            description: "Documents waiting on this instance for their company's turn to be sent to QBO, alone or in a batch.");
}
