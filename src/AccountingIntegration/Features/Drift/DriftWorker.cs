namespace AccountingIntegration.Features.Drift;

/// <summary>
/// Applies queued Intuit notifications as they come, and looks every <see cref="DriftOptions.TickInterval"/> for the
/// companies whose CDC sweep is due (one instance sweeps each every <see cref="DriftOptions.SweepInterval"/>).
/// </summary>
internal sealed partial class DriftWorker(DriftQueue queue, IServiceScopeFactory scopes, DriftOptions options, TimeProvider time, ILogger<DriftWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ApplyNotificationsAsync(stoppingToken), SweepAsync(stoppingToken));

    private async Task ApplyNotificationsAsync(CancellationToken stoppingToken)
    {
        await foreach (var notices in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DriftDetector>().ApplyAsync(notices, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The sweep finds what a failed notice would have.
                LogFailed(logger, e);
            }
            finally
            {
                queue.Done();
            }
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
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Following changes made in QBO failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
