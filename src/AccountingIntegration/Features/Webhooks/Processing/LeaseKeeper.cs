namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// Keeps a claim's lease alive while its worker holds it: every third of WORKER_LEASE_SECONDS the lease is
/// extended by a whole term. A lease can then be short (a crashed worker's payloads are due again within
/// seconds, not minutes) and still never lapse under a slow QBO call, so two workers never hold one payload
/// at once. A renewal that fails (the database away for a moment) is tried again next round; a claim that
/// is no longer this worker's ends the renewals.
/// </summary>
internal sealed partial class LeaseKeeper(WebhookQueueStore queue, WebhookOptions options, TimeProvider time, ILogger<LeaseKeeper> logger)
{
    /// <summary>Renews the lease of <paramref name="claim"/>, under the owner it was taken by, until the returned handle is disposed.</summary>
    public Renewal Keep(QueueClaim claim) => new(this, claim.PayloadId, claim.LeaseOwner);

    private async Task RenewUntilStoppedAsync(string payloadId, string owner, CancellationToken stopped)
    {
        // A periodic timer keeps its cadence however long a renewal takes.
        using var timer = new PeriodicTimer(options.LeaseDuration / 3, time);
        while (true)
        {
            try
            {
                if (!await timer.WaitForNextTickAsync(stopped) || !await queue.RenewLeaseAsync(payloadId, owner, options.LeaseDuration, stopped))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stopped.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRenewalFailed(logger, e);
            }
        }
    }

    /// <summary>The renewals of one claim; disposing stops them and waits for a renewal under way to end.</summary>
    internal sealed class Renewal : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;

        public Renewal(LeaseKeeper keeper, string payloadId, string owner) =>
            _running = keeper.RenewUntilStoppedAsync(payloadId, owner, _stop.Token);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
            _stop.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing a payload's lease failed; trying again at the next renewal")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);
}
