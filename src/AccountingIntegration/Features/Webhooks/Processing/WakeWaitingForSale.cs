using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// A refund, payment or cancellation parked for its sale is woken by the attempt that books the sale, after that
/// outcome's commit. When that wake-up is missed (the instance stopped just after the commit, or the wake-up failed and
/// was only logged), the payload would sleep until its time limit, a day later. <see cref="WaitingPayloadsSweep"/> looks, in every
/// connected organization, for parked payloads whose sale the ledger now holds under one of the names they wait for,
/// and makes them due. Entries that do not say what they wait for (parked before they did) are left to their time limit.
/// </summary>
internal sealed partial class WakeWaitingForSale(WebhookStore webhooks, LedgerStore ledger, WorkSignal signal, ILogger<WakeWaitingForSale> logger)
{
    /// <summary>
    /// One index range over the organization's parked entries and, only when some name what they wait for, one ledger
    /// look-up per few hundred names. Nothing is written unless a sale is there. Returns how many were made due.
    /// </summary>
    public async Task<int> WakeAsync(string organizationId, CancellationToken cancellationToken)
    {
        var waiting = (await webhooks.ListWaitingAsync(organizationId, PayloadStatus.WaitingDependency, cancellationToken))
            .Select(entry => (entry.PayloadId, Names: entry.Names ?? []))
            .Where(entry => entry.Names.Count > 0)
            .ToList();
        if (waiting.Count == 0)
        {
            return 0;
        }

        var booked = await ledger.LinkedKeysAsync(organizationId, waiting.SelectMany(entry => entry.Names), DocumentPlanner.SaleRole, cancellationToken);
        var due = waiting.Where(entry => entry.Names.Any(booked.Contains)).Select(entry => entry.PayloadId).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var requeued = await webhooks.RequeueAsync(due, PayloadStatus.WaitingDependency, cancellationToken);
        if (requeued > 0)
        {
            signal.Notify();
            LogRequeued(logger, requeued, organizationId);
        }

        return requeued;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Requeued} payloads still waiting for a sale that is booked are due again for organization {OrganizationId}; the sale's own wake-up was missed")]
    private static partial void LogRequeued(ILogger logger, int requeued, string organizationId);
}
