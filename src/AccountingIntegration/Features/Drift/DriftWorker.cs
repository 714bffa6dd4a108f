namespace AccountingIntegration.Features.Drift;

/// <summary>
/// Applies queued Intuit notifications as they come, and looks every <see cref="DriftOptions.TickInterval"/> for the
/// companies whose CDC sweep is due (one instance sweeps each every <see cref="DriftOptions.SweepInterval"/>).
/// </summary>
internal sealed partial class DriftWorker(DriftQueue queue, IServiceScopeFactory scopes, DriftOptions options, TimeProvider time, ILogger<DriftWorker> logger)
    : BackgroundService
{
    /// <summary>How many times a notice is taken up before it is left to the CDC sweep.</summary>
    internal const int MaxTries = 4;

    /// <summary>
    /// How long a notice waits before it is taken up again after its <paramref name="tries"/>th try: 10 s, then 30 s, then
    /// 90 s. A change to a document an attempt books against is most likely that attempt's own, recorded with its outcome
    /// within seconds; a database out of reach is back within a minute or two, or the sweep finds the change later.
    /// </summary>
    internal static TimeSpan RetryDelay(int tries) => TimeSpan.FromSeconds(10 * Math.Pow(3, tries - 1));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ApplyNotificationsAsync(stoppingToken), SweepAsync(stoppingToken));

    private async Task ApplyNotificationsAsync(CancellationToken stoppingToken)
    {
        await foreach (var queued in queue.ReadAllAsync(stoppingToken))
        {
            IReadOnlyList<IntuitNotice> left;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                left = (await scope.ServiceProvider.GetRequiredService<DriftDetector>().ApplyAsync(queued.Notices, stoppingToken)).Postponed;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
                left = queued.Notices;
            }

            if (left.Count > 0 && queued.Tries < MaxTries)
            {
                queue.Retry(queued, left, RetryDelay(queued.Tries));
                continue;
            }

            if (left.Count > 0)
            {
                // The sweep finds what the notices would have told.
                LogLeftToSweep(logger, left.Count, queued.Tries);
            }

            queue.Done();
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        if (options.SweepInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.TickInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DriftSweep>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Following changes made in QBO failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} Intuit notices could not be applied in {Tries} tries; the next CDC sweep reads their changes")]
    private static partial void LogLeftToSweep(ILogger logger, int count, int tries);
}
