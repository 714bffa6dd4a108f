using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// Tells the subscribers again of failed and dead outcomes that were not let go within <see cref="SettledOutbox.Grace"/>:
/// the instance that wrote one stopped before it told them, or a subscriber failed (the alert store was unreachable).
/// Every <see cref="Interval"/> it claims each due outcome, tells it, and lets it go once every subscriber took it; an
/// outcome still refused after <see cref="MaxAge"/> is given up, with an error in the log.
/// </summary>
internal sealed partial class SettledOutboxSweep(
    SettledOutbox outbox, PayloadOutcomes outcomes, ServiceMetrics metrics, TimeProvider time, ILogger<SettledOutboxSweep> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>Long enough for an operator to mend a failing alert store; short enough that the table cannot grow without end.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) == BatchSize)
                {
                    // A full batch: more may be due. Those just claimed are not due again until their lease ends.
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    /// <summary>One round; returns how many due outcomes it found, claimed by this instance or not.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.ListDueAsync(BatchSize, cancellationToken);
        foreach (var kept in due)
        {
            if (!await outbox.TryClaimAsync(kept.LogId, cancellationToken))
            {
                continue;
            }

            if (time.GetUtcNow().UtcDateTime - kept.SettledAt > MaxAge)
            {
                LogGivenUp(logger, kept.PayloadId, kept.Status, kept.SettledAt);
                await outbox.ReleaseAsync(kept.LogId, cancellationToken);
                continue;
            }

            LogTellingAgain(logger, kept.PayloadId, kept.Status);
            if (await outcomes.TellAsync(kept.Settled, cancellationToken))
            {
                await outbox.ReleaseAsync(kept.LogId, cancellationToken);
                metrics.SweepRecovered("outcome_notice", 1);
            }
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweeping payload outcomes not yet told failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the {Status} outcome of payload {PayloadId} again: it was not told when it was written")]
    private static partial void LogTellingAgain(ILogger logger, string payloadId, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up telling the {Status} outcome of payload {PayloadId}, written at {SettledAt:o}: its subscribers refused it for a week")]
    private static partial void LogGivenUp(ILogger logger, string payloadId, string status, DateTime settledAt);
}
