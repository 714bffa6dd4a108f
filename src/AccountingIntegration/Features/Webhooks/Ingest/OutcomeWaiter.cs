using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks.Processing;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// Waits, up to a limit, until a payload is settled (a final status, or waiting for a connection)
/// and reports it. A worker of this process announces the outcome once its attempt is over, what follows the outcome's
/// commit included (the payloads it wakes, its metrics); a worker elsewhere is noticed by reading the payload every
/// quarter second.
/// </summary>
internal sealed class OutcomeWaiter(PayloadOutcomes outcomes, WebhookStore webhooks, SyncLogStore syncLogs, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<WebhookResult?> WaitAsync(string organizationId, string payloadId, bool duplicate, TimeSpan limit, CancellationToken cancellationToken)
    {
        var announced = outcomes.WaitAsync(payloadId);
        var deadline = time.GetUtcNow() + limit;
        try
        {
            while (true)
            {
                // A worker here at the payload announces it once its attempt is over, which is after its outcome commits: the
                // announcement, when made, is the answer. Asked after the read, a row settled with no worker here at the
                // payload any more is one whose attempt is over.
                var settled = await ReadSettledAsync(organizationId, payloadId, duplicate, cancellationToken);
                if (announced.IsCompleted)
                {
                    return Announced(await announced, duplicate);
                }

                if (settled is not null && !outcomes.IsAttempting(payloadId))
                {
                    return settled;
                }

                var left = deadline - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                var delay = Task.Delay(left < PollInterval ? left : PollInterval, time, cancellationToken);
                if (await Task.WhenAny(announced, delay) == announced)
                {
                    return Announced(await announced, duplicate);
                }
            }
        }
        finally
        {
            outcomes.Forget(payloadId);
        }
    }

    private static WebhookResult Announced(PayloadOutcome outcome, bool duplicate) =>
        new(outcome.PayloadId, outcome.Processed, outcome.InvoiceId, outcome.LogId, outcome.Reason, outcome.Status, duplicate);

    private async Task<WebhookResult?> ReadSettledAsync(string organizationId, string payloadId, bool duplicate, CancellationToken cancellationToken)
    {
        var payload = await webhooks.GetPayloadAsync(organizationId, payloadId, cancellationToken);
        if (payload is null || !(PayloadStatus.IsTerminal(payload.Status) || payload.Status is PayloadStatus.WaitingConnection or PayloadStatus.WaitingDependency or PayloadStatus.Retrying))
        {
            return null;
        }

        var logs = await syncLogs.ListByPayloadAsync(organizationId, payloadId, cancellationToken);
        var last = logs.Count > 0 ? logs[^1] : null;
        return new WebhookResult(payloadId, payload.Processed, payload.InvoiceId, last?.LogId, last?.ErrorCode, payload.Status, duplicate);
    }
}
