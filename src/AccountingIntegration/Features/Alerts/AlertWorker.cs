using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Delivers due alerts, waking when one is raised and polling otherwise; failed attempts back off exponentially until
/// <see cref="AlertOptions.MaxAttempts"/>. Once a day it also looks for refresh tokens nearing their hard expiry and
/// for connections still waiting for a reconnect, and every few minutes it compares the month's QBO reads with the budget.
/// </summary>
internal sealed partial class AlertWorker(
    AlertStore store, AlertSignal signal, IServiceScopeFactory scopes, AlertOptions options, ServiceMetrics metrics, TimeProvider time,
    ILogger<AlertWorker> logger) : BackgroundService
{
    private const int BatchSize = 20;

    /// <summary>Longer than an attempt may take, so a delivery being sent is never taken by another instance.</summary>
    private static readonly TimeSpan Lease = AlertOptions.SendTimeout * 6;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            DeliverAsync(stoppingToken),
            SweepAsync(AlertOptions.ExpirySweepInterval, (services, ct) => services.GetRequiredService<RefreshExpirySweep>().RunAsync(ct), stoppingToken),
            SweepAsync(AlertOptions.ReadBudgetSweepInterval, (services, ct) => services.GetRequiredService<ReadBudgetSweep>().RunAsync(ct), stoppingToken),
            // Not at start: a reminder is a day after the loss at the soonest, whenever instances restart.
            SweepAsync(AlertOptions.ReconnectReminderInterval, (services, ct) => services.GetRequiredService<ReconnectReminderSweep>().RunAsync(ct), stoppingToken,
                atStart: false));

    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) == BatchSize)
                {
                    // A full batch: more may be due at once.
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLoopFailed(logger, e);
            }

            await signal.WaitAsync(AlertOptions.PollInterval, time, stoppingToken);
        }
    }

    private async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await store.ListDueAsync(BatchSize, cancellationToken);
        await Task.WhenAll(due.Select(d => DeliverOneAsync(d, cancellationToken)));
        return due.Count;
    }

    private async Task DeliverOneAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        if (!await store.TryClaimAsync(delivery.DeliveryId, Lease, cancellationToken) || await store.GetAsync(delivery.AlertId, cancellationToken) is not { } alert)
        {
            return;
        }

        var attempts = delivery.Attempts + 1;
        await using var scope = scopes.CreateAsyncScope();
        var error = await scope.ServiceProvider.GetRequiredService<AlertSender>().SendAsync(alert, delivery, cancellationToken);
        if (error is null)
        {
            await store.MarkSentAsync(delivery.DeliveryId, cancellationToken);
            metrics.AlertDelivery(delivery.Destination, sent: true, givenUp: false);
            LogSent(logger, alert.AlertId, delivery.Destination, attempts);
            return;
        }

        var next = attempts >= options.MaxAttempts ? (DateTime?)null : time.GetUtcNow().UtcDateTime + options.DelayAfter(attempts);
        await store.MarkAttemptFailedAsync(delivery.DeliveryId, error, next, cancellationToken);
        metrics.AlertDelivery(delivery.Destination, sent: false, givenUp: next is null);
        LogAttemptFailed(logger, alert.AlertId, delivery.Destination, attempts, error, next is null);
    }

    /// <summary>Runs a sweep now (unless not <paramref name="atStart"/>) and then every <paramref name="interval"/>; a failed round is logged and the next one runs.</summary>
    private async Task SweepAsync(TimeSpan interval, Func<IServiceProvider, CancellationToken, Task> sweep, CancellationToken stoppingToken, bool atStart = true)
    {
        using var timer = new PeriodicTimer(interval, time);
        if (!atStart && !await timer.WaitForNextTickAsync(stoppingToken))
        {
            return;
        }

        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await sweep(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLoopFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering alerts failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} delivered to the {Destination} destination on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, string alertId, string destination, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} to the {Destination} destination, attempt {Attempt}: {Error} (given up: {GivenUp})")]
    private static partial void LogAttemptFailed(ILogger logger, string alertId, string destination, int attempt, string error, bool givenUp);
}
