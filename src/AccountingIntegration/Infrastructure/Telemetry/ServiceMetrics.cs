using System.Diagnostics.Metrics;

namespace AccountingIntegration.Infrastructure.Telemetry;

/// <summary>
/// The service's own instruments, on one meter: what arrives, what becomes of it, and how QBO answers. Exported by
/// OpenTelemetry at <c>/metrics</c> (docs/operations.md lists every series). No instrument takes an organization id or
/// slug: a label per tenant would multiply every series by the number of customers; per-organization figures are the
/// stats API's job. The one realm label (QBO reads this month, QboReadMetrics) is bounded by connected companies.
/// </summary>
internal sealed class ServiceMetrics
{
    public const string MeterName = "AccountingIntegration";

    // Seconds, from a quick local step to QBO's 120 s ceiling (REFERENCE §6).
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    // Seconds, from a commit on a local disk (a fraction of a millisecond) to a database that stalls past a sender's patience.
    private static readonly double[] CommitBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    // Payloads per group commit, up to the ingest writer's largest group (256).
    private static readonly long[] GroupBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    private readonly Counter<long> _webhooks;
    private readonly Counter<long> _payloads;
    private readonly Histogram<double> _processing;
    private readonly Counter<long> _qboCalls;
    private readonly Histogram<double> _qboDuration;
    private readonly Counter<long> _qboThrottled;
    private readonly Counter<long> _tokenRefreshes;
    private readonly Histogram<double> _ingestCommitDuration;
    private readonly Histogram<long> _ingestCommitPayloads;
    private readonly Counter<long> _maintenanceSteps;
    private readonly Histogram<double> _maintenanceDuration;
    private readonly Counter<long> _deadlocks;
    private readonly Counter<long> _alertsRaised;
    private readonly Counter<long> _alertDeliveries;
    private readonly Counter<long> _sweepRecoveries;

    public ServiceMetrics(IMeterFactory meters)
    {
        // Through the host's factory, so the meter belongs to this host (TelemetryExtensions exports only its own).
        Meter = meters.Create(MeterName);
        _webhooks = Meter.CreateCounter<long>("ai.webhooks.received", description: "Webhook deliveries by outcome: accepted, duplicate, or refused with its problem code.");
        _payloads = Meter.CreateCounter<long>("ai.payloads.processed", description: "Processing attempts by the status they left the payload in.");
        _processing = Meter.CreateHistogram("ai.payload.processing.duration", "s", "How long one processing attempt took, by resulting status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _qboCalls = Meter.CreateCounter<long>("ai.qbo.calls", description: "HTTP requests sent to the QBO Accounting API (each retry counts), by operation, method, status and fault code.");
        _qboDuration = Meter.CreateHistogram("ai.qbo.call.duration", "s", "Latency of one QBO request, by operation, method and status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _qboThrottled = Meter.CreateCounter<long>("ai.qbo.throttled", description: "429 answers from QBO, by operation.");
        _tokenRefreshes = Meter.CreateCounter<long>("ai.qbo.token.refreshes", description: "Intuit token refreshes by outcome: succeeded, invalid_grant (reconnect needed) or failed.");
        _ingestCommitDuration = Meter.CreateHistogram("ai.ingest.commit.duration", "s",
            "How long one group commit of accepted deliveries took, from its transaction's start to its durable commit, by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CommitBuckets });
        _ingestCommitPayloads = Meter.CreateHistogram("ai.ingest.commit.payloads", "{payload}",
            "Deliveries written by one group commit (duplicates included), by outcome.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = GroupBuckets });
        _maintenanceSteps = Meter.CreateCounter<long>("ai.maintenance.steps", description: "Partition maintenance and retention steps run, by step and outcome (succeeded or failed).");
        _maintenanceDuration = Meter.CreateHistogram("ai.maintenance.step.duration", "s", "How long one maintenance step took, by step.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _deadlocks = Meter.CreateCounter<long>("ai.database.deadlocks",
            description: "Transactions MariaDB rolled back to break a deadlock, by transaction (claim, outcome) and outcome (retried, or failed after the last run).");
        _alertsRaised = Meter.CreateCounter<long>("ai.alerts.raised",
            description: "Alerts raised, by kind. A repeat of a cause whose alert is still in its window only counts its occurrence there, and is not counted here.");
        _alertDeliveries = Meter.CreateCounter<long>("ai.alert.deliveries",
            description: "Attempts to deliver an alert, by destination and outcome (sent; failed, to be tried again; given_up after the last attempt).");
        _sweepRecoveries = Meter.CreateCounter<long>("ai.sweeps.recovered",
            description: "What a sweep did because the live path missed it (a crash, a failure), by what: outcome_notice (a failed or dead outcome told late), waiting_connection (a payload woken late).");
    }

    public Meter Meter { get; }

    public void WebhookAccepted(bool duplicate) => _webhooks.Add(1, new KeyValuePair<string, object?>("outcome", duplicate ? "duplicate" : "accepted"));

    public void WebhookRefused(string reason) =>
        _webhooks.Add(1, new KeyValuePair<string, object?>("outcome", "refused"), new KeyValuePair<string, object?>("reason", reason));

    public void PayloadProcessed(string status, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("status", status);
        _payloads.Add(1, tag);
        _processing.Record(duration.TotalSeconds, tag);
    }

    /// <param name="operation">The entity or endpoint after the realm ("invoice", "query"), never an id.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="status">The HTTP status, or "none" when no answer came.</param>
    /// <param name="fault">QBO's fault code on a failed answer, empty otherwise.</param>
    /// <param name="duration">From sending to the answer's headers.</param>
    public void QboCall(string operation, string method, string status, string fault, TimeSpan duration)
    {
        var operationTag = new KeyValuePair<string, object?>("operation", operation);
        var methodTag = new KeyValuePair<string, object?>("method", method);
        var statusTag = new KeyValuePair<string, object?>("status", status);
        _qboCalls.Add(1, operationTag, methodTag, statusTag, new KeyValuePair<string, object?>("fault", fault));
        _qboDuration.Record(duration.TotalSeconds, operationTag, methodTag, statusTag);
        if (status == "429")
        {
            _qboThrottled.Add(1, operationTag);
        }
    }

    /// <param name="payloads">The deliveries in the group.</param>
    /// <param name="committed">False when the commit threw (a group's payloads are then tried again one by one, each measured too).</param>
    /// <param name="duration">From the transaction's start to its commit or failure.</param>
    public void IngestCommit(int payloads, bool committed, TimeSpan duration)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", committed ? "committed" : "failed");
        _ingestCommitDuration.Record(duration.TotalSeconds, outcome);
        _ingestCommitPayloads.Record(payloads, outcome);
    }

    public void TokenRefresh(string outcome) => _tokenRefreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <param name="step">"partitions" or a retention task's name: a handful, fixed in code.</param>
    /// <param name="succeeded">False when the step threw.</param>
    /// <param name="duration">Wall time of the step.</param>
    public void MaintenanceStep(string step, bool succeeded, TimeSpan duration)
    {
        var stepTag = new KeyValuePair<string, object?>("step", step);
        _maintenanceSteps.Add(1, stepTag, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
        _maintenanceDuration.Record(duration.TotalSeconds, stepTag);
    }

    /// <param name="transaction">"claim" or "outcome": fixed in code.</param>
    /// <param name="retried">False when it was the transaction's last run, and the error went to its caller.</param>
    public void DeadlockLost(string transaction, bool retried) => _deadlocks.Add(1,
        new KeyValuePair<string, object?>("transaction", transaction), new KeyValuePair<string, object?>("outcome", retried ? "retried" : "failed"));

    /// <param name="kind">One of <c>AlertKinds.All</c>.</param>
    public void AlertRaised(string kind) => _alertsRaised.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <param name="destination">One of the four destinations in <c>AlertDestinations</c>, never its URL or addresses.</param>
    /// <param name="sent">Whether the attempt delivered the alert.</param>
    /// <param name="givenUp">Whether a failed attempt was the last one.</param>
    public void AlertDelivery(string destination, bool sent, bool givenUp) => _alertDeliveries.Add(1,
        new KeyValuePair<string, object?>("destination", destination),
        new KeyValuePair<string, object?>("outcome", sent ? "sent" : givenUp ? "given_up" : "failed"));

    /// <param name="what">"outcome_notice", "waiting_connection", "waiting_sale" or "expired_sale_wait": fixed in code.</param>
    /// <param name="count">How many the round recovered; nothing is recorded for none.</param>
    public void SweepRecovered(string what, int count)
    {
        if (count > 0)
        {
            _sweepRecoveries.Add(count, new KeyValuePair<string, object?>("what", what));
        }
    }
}
