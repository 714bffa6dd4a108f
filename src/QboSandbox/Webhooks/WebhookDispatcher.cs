using QboSandbox.State;

namespace QboSandbox.Webhooks;

/// <summary>
/// Sends webhook batches every <see cref="SandboxOptions.WebhookFlushInterval"/> and retries failed ones when due,
/// both on the sandbox's TimeProvider: a test moves a FakeTimeProvider and the notification goes out.
/// </summary>
internal sealed class WebhookDispatcher(SandboxState state, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastSend = state.Time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                lastSend = await RunOnceAsync(state.Time, state.Webhooks, lastSend, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down.
            }
        }
    }

    /// <summary>
    /// Waits for the next periodic send (one interval after the last, so an interval changed at run time applies at
    /// once) or the next retry, runs one delivery pass and returns the time of the last periodic send.
    /// </summary>
    private async Task<DateTimeOffset> RunOnceAsync(TimeProvider time, WebhookHub hub, DateTimeOffset lastSend, CancellationToken stoppingToken)
    {
        // Taken before the due times are read: a change after this point completes it and the loop looks again.
        var changed = hub.Changed;
        var interval = state.Options.WebhookFlushInterval;
        var sendDue = interval > TimeSpan.Zero ? lastSend + interval : DateTimeOffset.MaxValue;
        var retryDue = hub.NextRetryAt ?? DateTimeOffset.MaxValue;
        await WaitUntilAsync(time, sendDue < retryDue ? sendDue : retryDue, changed, stoppingToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var send = interval > TimeSpan.Zero && now >= lastSend + interval;
        try
        {
            await hub.DeliverAsync(includeWaitingEvents: send, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PassFailed(logger, ex);
        }

        return send ? now : lastSend;
    }

    /// <summary>
    /// Waits for the due time or a change. The timer is created before time is read again, so a fake clock advanced
    /// while the loop was busy never leaves it waiting for a moment that has passed.
    /// </summary>
    private static async Task WaitUntilAsync(TimeProvider time, DateTimeOffset due, Task changed, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task timer;
        if (due == DateTimeOffset.MaxValue)
        {
            timer = Task.Delay(Timeout.InfiniteTimeSpan, stop.Token);
        }
        else
        {
            var delay = due - time.GetUtcNow();
            timer = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, stop.Token);
            if (time.GetUtcNow() >= due)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                return;
            }
        }

        try
        {
            await Task.WhenAny(timer, changed).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
