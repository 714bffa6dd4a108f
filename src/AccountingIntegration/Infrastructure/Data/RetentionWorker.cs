using AccountingIntegration.Infrastructure.Data.Migrations;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Runs partition and retention maintenance every few hours so coming periods always exist, then
/// the features' own clean-up tasks (<see cref="IRetentionTask"/>).
/// </summary>
internal sealed partial class RetentionWorker(
    PartitionMaintenance maintenance, IEnumerable<IRetentionTask> tasks, TimeProvider time, ILogger<RetentionWorker> logger) : BackgroundService
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
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await RunStepAsync("partitions", () => maintenance.RunAsync(cancellationToken));
        foreach (var task in tasks)
        {
            await RunStepAsync(task.Name, () => task.RunAsync(cancellationToken));
        }
    }

    private async Task RunStepAsync(string name, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failed step must not end the loop or skip the others; the next round tries again.
            LogFailed(logger, name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention step {Step} failed")]
    private static partial void LogFailed(ILogger logger, string step, Exception exception);
}
