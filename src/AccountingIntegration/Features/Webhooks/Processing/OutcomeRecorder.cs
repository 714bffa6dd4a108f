using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// Writes what an attempt ended as: the ledger links of the documents it booked, its sync log row, the payload's
/// status and its queue entry, and a failed or dead outcome's place in <see cref="SettledOutbox"/> (so its alert
/// survives a crash), in one transaction. A crash between them cannot leave a sync log without its status,
/// or a status without its sync log; the attempt is then simply retried when its lease runs out, and that resumed
/// attempt finds in QBO, by fingerprint, the documents whose links were lost with it. On MariaDB an outcome whose
/// transaction lost a deadlock is written again (<see cref="DeadlockRetry"/>) rather than left to the lease's expiry.
/// A change someone made in QBO is written the same way: the ledger's new state with the payloads it drifts.
/// An attempt's outcome is written only while its payload is still its own (its lease owner's, processing): one that
/// lost its lease to another attempt writes nothing and throws <see cref="LeaseLostException"/>, so it never overwrites
/// the outcome of the attempt that took over.
/// </summary>
internal sealed class OutcomeRecorder(WebhookStore webhooks, SyncLogStore syncLogs, SettledOutbox outbox, LedgerStore ledgerLinks, DeadlockRetry deadlocks)
{
    private const string Transaction = "outcome";

    /// <summary>The document exists: the payload succeeded and leaves the queue.</summary>
    public Task<SyncLog> SucceededAsync(NewSyncLog attempt, string leaseOwner, string documentId, AttemptLedger ledger, CancellationToken cancellationToken) =>
        deadlocks.RunAsync(Transaction, () => WriteSucceededAsync(attempt, leaseOwner, documentId, ledger, cancellationToken));

    /// <summary>
    /// Any other outcome (skipped, failed, dead, retrying, waiting_connection, waiting_dependency), with when to try next
    /// and, waiting for a sale or done waiting for it, the names that sale would be linked under. Documents the attempt
    /// booked before it stopped are linked all the same: the retry takes them from the ledger.
    /// </summary>
    public Task<SyncLog> FinishedAsync(NewSyncLog attempt, string leaseOwner, string lastError, DateTime? nextAttemptAt, AttemptLedger ledger,
        CancellationToken cancellationToken, IReadOnlyList<string>? waitingFor = null) =>
        deadlocks.RunAsync(Transaction, () => WriteFinishedAsync(attempt, leaseOwner, lastError, nextAttemptAt, ledger, waitingFor, cancellationToken));

    /// <summary>
    /// A document someone changed in QBO: its new state in the ledger and, for each payload that booked it (and is
    /// booked still), a drifted sync log row and the payload's status, in one transaction. Written apart, a drift record
    /// that failed left the ledger saying the change was known, and the next notice or sweep passed it by: the payload
    /// never turned drifted. The state is changed only on links not in it yet, and the drift written only then, so the
    /// same change told twice at once (a notice and the sweep) is recorded once. Returns how many payloads it drifted.
    /// </summary>
    public Task<int> DocumentDriftedAsync(LedgerWrite.StateChanged change, IReadOnlyList<NewSyncLog> drifts, CancellationToken cancellationToken) =>
        deadlocks.RunAsync(Transaction, () => WriteDocumentDriftedAsync(change, drifts, cancellationToken));

    /// <summary>The payload row itself is gone (retention): its queue entry is removed without an attempt to log.</summary>
    public Task PayloadMissingAsync(string payloadId, CancellationToken cancellationToken) =>
        deadlocks.RunAsync(Transaction, () => WritePayloadMissingAsync(payloadId, cancellationToken));

    private async Task<SyncLog> WriteSucceededAsync(NewSyncLog attempt, string leaseOwner, string documentId, AttemptLedger ledger, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginHeldAsync(attempt.PayloadId, leaseOwner, cancellationToken);
        await ledger.WriteAsync(transaction, cancellationToken);
        var log = await syncLogs.InsertAsync(attempt, transaction, cancellationToken);
        await webhooks.MarkProcessedAsync(transaction, attempt.PayloadId, documentId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return log;
    }

    private async Task<SyncLog> WriteFinishedAsync(NewSyncLog attempt, string leaseOwner, string lastError, DateTime? nextAttemptAt, AttemptLedger ledger,
        IReadOnlyList<string>? waitingFor, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginHeldAsync(attempt.PayloadId, leaseOwner, cancellationToken);
        await ledger.WriteAsync(transaction, cancellationToken);
        var log = await syncLogs.InsertAsync(attempt, transaction, cancellationToken);
        await webhooks.MarkOutcomeAsync(transaction, attempt.PayloadId, attempt.Status, lastError, nextAttemptAt, cancellationToken, waitingFor);
        if (WebhookStore.EndsAnExpiredSaleWait(attempt.Status) && waitingFor is { Count: > 0 })
        {
            await webhooks.KeepExpiredSaleWaitAsync(transaction, attempt.OrganizationId, attempt.PayloadId, waitingFor, cancellationToken);
        }

        if (SettledOutbox.Keeps(attempt.Status))
        {
            await outbox.KeepAsync(transaction, log, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return log;
    }

    /// <summary>The outcome's transaction, begun once the payload is found still the attempt's (and locked so).</summary>
    private async Task<DatabaseTransaction> BeginHeldAsync(string payloadId, string leaseOwner, CancellationToken cancellationToken)
    {
        var transaction = await webhooks.BeginOutcomeAsync(cancellationToken);
        try
        {
            if (!await webhooks.HoldsClaimAsync(transaction, payloadId, leaseOwner, cancellationToken))
            {
                throw new LeaseLostException(payloadId);
            }

            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private async Task<int> WriteDocumentDriftedAsync(LedgerWrite.StateChanged change, IReadOnlyList<NewSyncLog> drifts, CancellationToken cancellationToken)
    {
        await using var transaction = await webhooks.BeginOutcomeAsync(cancellationToken);
        if (await ledgerLinks.MarkChangedAsync(transaction, change, cancellationToken) == 0)
        {
            return 0;
        }

        var drifted = 0;
        foreach (var drift in drifts)
        {
            if (await webhooks.MarkDriftedAsync(transaction, drift.PayloadId, $"{drift.ErrorCode}: {drift.ErrorMessage}", cancellationToken))
            {
                await syncLogs.InsertAsync(drift, transaction, cancellationToken);
                drifted++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return drifted;
    }

    private async Task WritePayloadMissingAsync(string payloadId, CancellationToken cancellationToken)
    {
        await using var transaction = await webhooks.BeginOutcomeAsync(cancellationToken);
        if (!await webhooks.MarkOutcomeAsync(transaction, payloadId, PayloadStatus.Skipped, "The payload no longer exists.", null, cancellationToken))
        {
            await webhooks.DeleteOrphanQueueEntryAsync(transaction, payloadId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
