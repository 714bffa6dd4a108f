using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// A payment or refund that waited its time limit for its sale fails with DEPENDENCY_MISSING; a cancellation is skipped,
/// as there was nothing to void. When that sale is booked after all (its webhook days late: Stripe resends an undelivered
/// event for up to three days, docs.stripe.com/webhooks/process-undelivered-events; or its mapping fixed and the sale
/// replayed), the payload is taken up again, as a replay would: the refund books against the sale, the cancellation
/// voids it. It is woken by the attempt that booked the sale, after that outcome's commit, or, when that was missed, by
/// <see cref="WaitingPayloadsSweep"/>. A refund that did not go through, told before the refund was booked, is skipped
/// and waits the same way under the refund's name (<see cref="SourceKeys.ForRefund"/>): the refund booked after all (its
/// earlier event delivered late) takes it up again, and it takes the refund back. Each revival is in the audit trail
/// (<c>payload.revived</c>), so the accountant sees why a failed or skipped payload was booked without anyone replaying it.
/// </summary>
internal sealed partial class ReviveExpiredSaleWaits(
    WebhookStore webhooks, LedgerStore ledger, DeadlockRetry deadlocks, AuditTrail audit, WorkSignal signal, ILogger<ReviveExpiredSaleWaits> logger)
{
    /// <summary>A sale linked under <paramref name="saleKeys"/> was booked: revives the payloads whose wait for it expired.</summary>
    public async Task<int> ReviveAsync(string organizationId, IReadOnlyCollection<string> saleKeys, CancellationToken cancellationToken) =>
        saleKeys.Count == 0 ? 0 : await ReviveAllAsync(organizationId, await webhooks.ListExpiredSaleWaitsAsync(organizationId, saleKeys, cancellationToken), cancellationToken);

    /// <summary>
    /// Revives the organization's payloads whose wait expired before what the ledger now holds under a name they keep: their
    /// sale, or the refund they would take back (<see cref="LedgerStore.BookedKeysAsync"/>). One index range, and ledger
    /// look-ups only when some wait expired.
    /// </summary>
    public async Task<int> SweepAsync(string organizationId, CancellationToken cancellationToken)
    {
        var expired = await webhooks.ListExpiredSaleWaitsAsync(organizationId, cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }

        var booked = await ledger.BookedKeysAsync(organizationId, expired.Select(wait => wait.SaleKey), cancellationToken);
        var revivable = expired.Where(wait => booked.Contains(wait.SaleKey)).Select(wait => wait.PayloadId).Distinct(StringComparer.Ordinal).ToList();
        var revived = await ReviveAllAsync(organizationId, revivable, cancellationToken);
        if (revived > 0)
        {
            LogSweepRevived(logger, revived, organizationId);
        }

        return revived;
    }

    private async Task<int> ReviveAllAsync(string organizationId, IReadOnlyCollection<string> payloadIds, CancellationToken cancellationToken)
    {
        var revived = 0;
        foreach (var payloadId in payloadIds)
        {
            // On MariaDB the revival can lose a deadlock to an outcome or a claim; it runs again rather than waiting for the sweep.
            // Its audit entry is written in its transaction.
            if (await deadlocks.RunAsync("revival", () => webhooks.ReviveExpiredSaleWaitAsync(payloadId,
                    (transaction, status) => RecordRevivalAsync(transaction, organizationId, payloadId, status, cancellationToken), cancellationToken))
                is not { } previousStatus)
            {
                continue;
            }

            revived++;
            LogRevived(logger, payloadId, previousStatus);
        }

        if (revived > 0)
        {
            signal.Notify();
        }

        return revived;
    }

    /// <summary>The revival's audit entry, written in the revival's transaction.</summary>
    private Task RecordRevivalAsync(DatabaseTransaction transaction, string organizationId, string payloadId, string previousStatus,
        CancellationToken cancellationToken) =>
        audit.RecordAsync(transaction, AuditActor.System("books"), new AuditAction("payload", "payload.revived")
        {
            OrganizationId = organizationId,
            TargetType = "payload",
            TargetId = payloadId,
            Details = new JsonObject { ["previousStatus"] = previousStatus, ["reason"] = "What it waited for (its sale, or the refund it takes back) was booked after it had stopped waiting." },
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payload {PayloadId}, {PreviousStatus} after waiting for its sale or refund, is taken up again: that is booked")]
    private static partial void LogRevived(ILogger logger, string payloadId, string previousStatus);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Revived} payloads whose wait expired before a sale or refund that is booked were taken up again for organization {OrganizationId}; its own wake-up was missed")]
    private static partial void LogSweepRevived(ILogger logger, int revived, string organizationId);
}
