using System.Diagnostics;
using AccountingIntegration.Infrastructure.Data.Migrations;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Runs partition and retention maintenance every few hours so coming periods always exist, then
/// the features' own clean-up tasks (<see cref="IRetentionTask"/>). Each step is counted and timed in the metrics, and
/// each round is written to the audit log, so an operator sees that maintenance runs and when a step keeps failing.
/// </summary>
internal sealed partial class RetentionWorker(
    PartitionMaintenance maintenance, IEnumerable<IRetentionTask> tasks, IEnumerable<IMaintenanceJournal> journals, ServiceMetrics metrics,
    TimeProvider time, ILogger<RetentionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunOnceAsync(stoppingToken);
        }
    }

    /// <summary>One round; a failed step is logged and the next one still runs.</summary>
    public async Task<IReadOnlyList<MaintenanceStep>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var steps = new List<MaintenanceStep> { await RunStepAsync("partitions", () => maintenance.RunAsync(cancellationToken)) };
        foreach (var task in tasks)
        {
            steps.Add(await RunStepAsync(task.Name, () => task.RunAsync(cancellationToken)));
        }

        foreach (var journal in journals)
        {
            try
            {
                await journal.RecordAsync(steps, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The round itself is done; only its record is missing, and the log says so.
                LogJournalFailed(logger, e);
            }
        }

        return steps;
    }

    private async Task<MaintenanceStep> RunStepAsync(string name, Func<Task> step)
    {
        var started = Stopwatch.GetTimestamp();
        MaintenanceStep result;
        try
        {
            await step();
            result = new MaintenanceStep(name, true, Stopwatch.GetElapsedTime(started), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failed step must not end the loop or skip the others; the next round tries again.
            LogFailed(logger, name, e);
            result = new MaintenanceStep(name, false, Stopwatch.GetElapsedTime(started), e.GetType().Name);
        }

        metrics.MaintenanceStep(result.Name, result.Succeeded, result.Duration);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention step {Step} failed")]
    private static partial void LogFailed(ILogger logger, string step, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording the maintenance round failed")]
    private static partial void LogJournalFailed(ILogger logger, Exception exception);
}
