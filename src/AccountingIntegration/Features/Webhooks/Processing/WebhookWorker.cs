using System.Diagnostics;
using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// WORKER_CONCURRENCY loops that claim due payloads by lease and process them. On shutdown they
/// stop claiming at once and let work in flight finish within the host's shutdown grace period;
/// a claim that cannot finish keeps its lease and is retried after it expires (the QBO requestid
/// makes the retry safe). While a payload is processed its lease is renewed (<see cref="LeaseKeeper"/>),
/// so the lease can be short and a crashed instance's payloads return within seconds.
/// </summary>
internal sealed partial class WebhookWorker(
    WebhookQueueStore queue,
    InstanceIdentity instance,
    IServiceScopeFactory scopes,
    WorkSignal signal,
    LeaseKeeper leases,
    WebhookOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(2);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.WorkerConcurrency).Select(_ => RunLoopAsync(stoppingToken)));

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        // Yield first so the host finishes starting before the first claim.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claims = await queue.ClaimDueAsync(instance.NewClaimOwner(), 1, options.LeaseDuration, stoppingToken);
                if (claims.Count == 0)
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                    continue;
                }

                foreach (var claim in claims)
                {
                    // In-flight work is not cancelled by the stop signal, only when the host gives up.
                    await ProcessAsync(claim, lifetime.ApplicationStopped);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One failed round must not end the loop: log, pause, go on.
                LogLoopFailed(logger, e);
                await Task.Delay(ErrorPause, CancellationToken.None);
            }
        }
    }

    private async Task ProcessAsync(QueueClaim claim, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        // Every line written while this payload is processed, ours or a library's, names the payload and its organization.
        using var logScope = logger.BeginScope(LogScope.Of("OrganizationId", claim.OrganizationId, "PayloadId", claim.PayloadId));
        await using var renewal = leases.Keep(claim);
        // The attempt's span, in the delivering request's trace when it was recorded (a replay starts its own); QBO calls
        // made while processing are its children.
        using var activity = ServiceActivities.Source.StartActivity("payload attempt", ActivityKind.Consumer,
            ActivityContext.TryParse(claim.TraceParent, null, out var delivery) ? delivery : default);
        activity?.SetTag(ServiceActivities.PayloadIdTag, claim.PayloadId);
        activity?.SetTag("organization.id", claim.OrganizationId);
        activity?.SetTag("payload.attempt", claim.Attempts);
        try
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<PayloadProcessor>().ProcessAsync(claim, cancellationToken);
            activity?.SetTag("payload.status", outcome.Status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            // Logged here, inside the scope, rather than by the loop: the line must say which payload failed.
            // The lease stays (no longer renewed), so the payload is claimed again when it expires.
            LogPayloadFailed(logger, e);
            await Task.Delay(ErrorPause, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing a claimed payload failed; it is retried when its lease expires")]
    private static partial void LogPayloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook worker round failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
