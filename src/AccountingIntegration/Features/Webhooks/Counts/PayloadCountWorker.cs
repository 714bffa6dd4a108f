using System.Diagnostics;

namespace AccountingIntegration.Features.Webhooks.Counts;

/// <summary>
/// Every minute, on both databases: counts the payloads received since the last round into payload_counts and drops
/// live counters that fell to zero. Several instances may run it; the mark's row lock lets one count each stretch. A
/// backlog is counted in bounded steps with a pause as long as the step after each, so the workers' writes never
/// wait long behind the round (on SQLite a step holds the only write lock).
/// </summary>
internal sealed partial class PayloadCountWorker(PayloadCountRollup rollup, TimeProvider time, ILogger<PayloadCountWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>The longest pause between two steps of a round.</summary>
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RunOnceAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunOnceAsync(stoppingToken);
        }
    }

    /// <summary>One round; a failure is logged and the next round carries on from the mark.</summary>
    /// <param name="cancellationToken">Stops the round.</param>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                var step = await rollup.StepAsync(cancellationToken);
                if (!step.More)
                {
                    break;
                }

                if (step.Bounded)
                {
                    // A backlog: as long a pause as the step held the lock, so the workers' writes go in between.
                    await Task.Delay(Min(Stopwatch.GetElapsedTime(started), MaxPause), time, cancellationToken);
                }
            }

            await rollup.PruneAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Error, Message = "Counting payloads into payload_counts failed; the next round tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
