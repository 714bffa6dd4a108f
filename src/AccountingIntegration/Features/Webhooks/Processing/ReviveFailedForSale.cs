using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Books;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// A payment, refund or cancellation that waited its time limit for its sale fails with DEPENDENCY_MISSING. When that
/// sale is booked later (its webhook days late, or its mapping fixed and the sale replayed), the payload is taken up
/// again, as a replay would, and books against it: woken by the attempt that booked the sale, after that outcome's
/// commit, or, when that was missed, by <see cref="WaitingPayloadsSweep"/>. Each revival is in the audit trail
/// (<c>payload.revived</c>), so the accountant sees why a failed payload was booked without anyone replaying it.
/// </summary>
internal sealed partial class ReviveFailedForSale(WebhookStore webhooks, LedgerStore ledger, AuditTrail audit, WorkSignal signal, ILogger<ReviveFailedForSale> logger)
{
    /// <summary>A sale linked under <paramref name="saleKeys"/> was booked: revives the payloads that failed for want of it.</summary>
    public async Task<int> ReviveAsync(string organizationId, IReadOnlyCollection<string> saleKeys, CancellationToken cancellationToken) =>
        saleKeys.Count == 0 ? 0 : await ReviveAllAsync(organizationId, await webhooks.ListFailedForSaleAsync(organizationId, saleKeys, cancellationToken), cancellationToken);

    /// <summary>
    /// Revives the organization's payloads that failed for want of a sale the ledger now holds: one index range, and
    /// ledger look-ups only when some payload failed so.
    /// </summary>
    public async Task<int> SweepAsync(string organizationId, CancellationToken cancellationToken)
    {
        var failed = await webhooks.ListFailedForSaleAsync(organizationId, cancellationToken);
        if (failed.Count == 0)
        {
            return 0;
        }

        var booked = await ledger.LinkedKeysAsync(organizationId, failed.Select(f => f.SaleKey), DocumentPlanner.SaleRole, cancellationToken);
        var revivable = failed.Where(f => booked.Contains(f.SaleKey)).Select(f => f.PayloadId).Distinct(StringComparer.Ordinal).ToList();
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
            if (!await webhooks.ReviveFailedForSaleAsync(payloadId, cancellationToken))
            {
                continue;
            }

            revived++;
            LogRevived(logger, payloadId);
            await audit.RecordAsync(AuditActor.System("books"), new AuditAction("payload", "payload.revived")
            {
                OrganizationId = organizationId,
                TargetType = "payload",
                TargetId = payloadId,
                Details = new JsonObject { ["previousStatus"] = PayloadStatus.Failed, ["reason"] = "Its sale was booked after it had failed for want of it." },
            }, cancellationToken);
        }

        if (revived > 0)
        {
            signal.Notify();
        }

        return revived;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payload {PayloadId}, failed for want of its sale, is taken up again: the sale is booked")]
    private static partial void LogRevived(ILogger logger, string payloadId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Revived} payloads failed for want of a sale that is booked were taken up again for organization {OrganizationId}; the sale's own wake-up was missed")]
    private static partial void LogSweepRevived(ILogger logger, int revived, string organizationId);
}
