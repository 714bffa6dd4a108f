using System.Text.Json;
using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>
/// Payload outcomes: the archive row and the queue entry change together, inside a transaction the
/// caller owns, so the attempt's sync log row can join it (<see cref="Processing.OutcomeRecorder"/>).
/// </summary>
internal sealed partial class WebhookStore
{
    /// <summary>Begins the transaction an outcome is written in; the caller adds its own rows and commits.</summary>
    public Task<DatabaseTransaction> BeginOutcomeAsync(CancellationToken cancellationToken) => database.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// Whether the payload's queue entry is still processing under <paramref name="leaseOwner"/>, its row locked to the
    /// end of the transaction so that no claim takes it in between. An attempt whose lease ran out (its renewals failed
    /// while the database was away) and whose payload another worker claimed, or finished, no longer holds it.
    /// </summary>
    public async Task<bool> HoldsClaimAsync(DatabaseTransaction transaction, string payloadId, string leaseOwner, CancellationToken cancellationToken) =>
        await transaction.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            $"SELECT payload_id FROM webhook_queue WHERE payload_id = @PayloadId AND status = @Processing AND lease_owner = @Owner {database.Dialect.ForUpdate}",
            new { PayloadId = payloadId, PayloadStatus.Processing, Owner = leaseOwner }, transaction.Transaction, cancellationToken: cancellationToken)) is not null;

    /// <summary>
    /// The seed's mark_processed: the document exists, so the payload is succeeded and leaves the
    /// queue. False when the payload is unknown.
    /// </summary>
    public async Task<bool> MarkProcessedAsync(DatabaseTransaction transaction, string payloadId, string invoiceId, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE webhook_payloads
            SET status = @Status, processed = @True, invoice_id = @InvoiceId, last_error = NULL,
                attempts = COALESCE((SELECT q.attempts FROM webhook_queue q WHERE q.payload_id = @PayloadId), attempts),
                next_attempt_at = NULL, lease_until = NULL, completed_at = @Now, updated_at = @Now
            WHERE payload_id = @PayloadId
            """;
        var parameters = new { Status = PayloadStatus.Succeeded, True = true, InvoiceId = invoiceId, Now = time.GetUtcNow().UtcDateTime, PayloadId = payloadId };
        return await UpdatePayloadAndQueueAsync(transaction, sql, parameters, payloadId, PayloadStatus.Succeeded, keepQueued: false, cancellationToken);
    }

    /// <summary>
    /// Records an outcome other than success. Terminal ones (skipped, failed, dead) complete the
    /// payload and remove its queue entry; queued, retrying, waiting_connection and waiting_dependency keep (or
    /// restore) the queue entry, due at <paramref name="nextAttemptAt"/> (now when null), lease released. A payload
    /// waiting for its sale keeps on its entry the names the sale would be linked under (<paramref name="waitingFor"/>),
    /// so that only that sale wakes it (<see cref="RequeueWaitingForSaleAsync"/>).
    /// </summary>
    public async Task<bool> MarkOutcomeAsync(
        DatabaseTransaction transaction, string payloadId, string status, string? lastError, DateTime? nextAttemptAt, CancellationToken cancellationToken,
        IReadOnlyList<string>? waitingFor = null)
    {
        if (status is PayloadStatus.Succeeded or PayloadStatus.Processing ||
            !(PayloadStatus.IsTerminal(status) || status is PayloadStatus.Queued or PayloadStatus.Retrying or PayloadStatus.WaitingConnection or PayloadStatus.WaitingDependency))
        {
            throw new ArgumentException($"'{status}' is not an outcome; success goes through {nameof(MarkProcessedAsync)}.", nameof(status));
        }

        const string sql = """
            UPDATE webhook_payloads
            SET status = @Status, attempts = COALESCE((SELECT q.attempts FROM webhook_queue q WHERE q.payload_id = @PayloadId), attempts),
                last_error = @LastError, next_attempt_at = @NextAttemptAt, lease_until = NULL,
                completed_at = @CompletedAt, updated_at = @Now
            WHERE payload_id = @PayloadId
            """;
        var now = time.GetUtcNow().UtcDateTime;
        var terminal = PayloadStatus.IsTerminal(status);
        var parameters = new
        {
            Status = status,
            LastError = lastError,
            NextAttemptAt = terminal ? (DateTime?)null : nextAttemptAt ?? now,
            CompletedAt = terminal ? now : (DateTime?)null,
            Now = now,
            PayloadId = payloadId,
            WaitingFor = status == PayloadStatus.WaitingDependency && waitingFor is { Count: > 0 } ? JsonSerializer.Serialize(waitingFor) : null,
        };
        return await UpdatePayloadAndQueueAsync(transaction, sql, parameters, payloadId, status, keepQueued: !terminal, cancellationToken);
    }

    /// <summary>
    /// Removes the queue entry of a payload whose row is gone (retention deleted it while it was still queued, parked for
    /// a connection longer than payloads are kept): no outcome can be marked on it, and left in place the entry would be
    /// claimed again every lease, for good. Its sale turns go with it.
    /// </summary>
    public async Task DeleteOrphanQueueEntryAsync(DatabaseTransaction transaction, string payloadId, CancellationToken cancellationToken)
    {
        foreach (var sql in new[] { "DELETE FROM webhook_queue WHERE payload_id = @PayloadId", "DELETE FROM sale_turns WHERE payload_id = @PayloadId" })
        {
            await transaction.Connection.ExecuteAsync(new CommandDefinition(sql, new { PayloadId = payloadId }, transaction.Transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// A booked payload whose document someone changed in QBO: drifted, with what happened. Only a payload that
    /// succeeded (or drifted already) changes; false otherwise.
    /// </summary>
    public async Task<bool> MarkDriftedAsync(DatabaseTransaction transaction, string payloadId, string what, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE webhook_payloads SET status = @Drifted, last_error = @What, updated_at = @Now
            WHERE payload_id = @PayloadId AND status IN (@Succeeded, @Drifted)
            """;
        var parameters = new
        {
            PayloadStatus.Drifted,
            PayloadStatus.Succeeded,
            What = what,
            Now = time.GetUtcNow().UtcDateTime,
            PayloadId = payloadId,
        };
        await PayloadCountMoves.MoveAsync(transaction.Connection, transaction.Transaction, database.Dialect,
            "payload_id = @PayloadId AND status IN (@Succeeded, @Drifted)", parameters, PayloadStatus.Drifted, cancellationToken);
        return await transaction.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction.Transaction, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// A replay: the payload is queued again, due now, with a fresh series of attempts, in one transaction, with what
    /// <paramref name="alongside"/> writes in it (the replay's audit entry). False when the payload is unknown.
    /// </summary>
    public async Task<bool> RequeueForReplayAsync(string payloadId, Func<DatabaseTransaction, Task> alongside, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginOutcomeAsync(cancellationToken);
        if (!await RequeueWithFreshAttemptsAsync(transaction, payloadId, cancellationToken))
        {
            return false;
        }

        await ForgetExpiredSaleWaitAsync(transaction, payloadId, cancellationToken);
        await alongside(transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Queued, due now, its attempts counted from zero again; false when the payload is unknown.</summary>
    private async Task<bool> RequeueWithFreshAttemptsAsync(DatabaseTransaction transaction, string payloadId, CancellationToken cancellationToken)
    {
        if (!await MarkOutcomeAsync(transaction, payloadId, PayloadStatus.Queued, null, null, cancellationToken))
        {
            return false;
        }

        await transaction.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_queue SET attempts = 0 WHERE payload_id = @PayloadId", new { PayloadId = payloadId }, transaction.Transaction, cancellationToken: cancellationToken));
        return true;
    }

    /// <summary>
    /// Updates the payload (its attempt count copied from the queue entry, which the workers
    /// increment, so the archive keeps it after the entry is gone), then keeps or removes the
    /// queue entry. The payload is found by id alone: its partitioning column is not known here,
    /// and the (payload_id, received_at) key still serves the lookup in each partition.
    /// </summary>
    private async Task<bool> UpdatePayloadAndQueueAsync(
        DatabaseTransaction transaction, string payloadSql, object parameters, string payloadId, string status, bool keepQueued,
        CancellationToken cancellationToken)
    {
        // A queue entry that is gone (e.g. a waiting payload whose entry was removed) is restored
        // from the payload row; insert-or-ignore leaves an existing entry to the update below.
        var restoreSql = $"""
            {database.Dialect.InsertIgnore} INTO webhook_queue (payload_id, received_at, organization_id, status, attempts, next_attempt_at, lease_owner, lease_until)
            SELECT payload_id, received_at, organization_id, status, attempts, next_attempt_at, NULL, NULL
            FROM webhook_payloads WHERE payload_id = @PayloadId
            """;
        const string requeueSql = """
            UPDATE webhook_queue SET status = @Status, next_attempt_at = @NextAttemptAt, lease_owner = NULL, lease_until = NULL, waiting_for = @WaitingFor
            WHERE payload_id = @PayloadId
            """;
        const string dequeueSql = "DELETE FROM webhook_queue WHERE payload_id = @PayloadId";
        const string releaseTurnsSql = "DELETE FROM sale_turns WHERE payload_id = @PayloadId";

        var (connection, inTransaction) = (transaction.Connection, transaction.Transaction);
        var key = new { PayloadId = payloadId };
        await PayloadCountMoves.MoveAsync(connection, inTransaction, database.Dialect, "payload_id = @PayloadId", key, status, cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(payloadSql, parameters, inTransaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return false;
        }

        // The attempt is over: another payload of the same sale may book it now (Processing.SaleTurns).
        await connection.ExecuteAsync(new CommandDefinition(releaseTurnsSql, key, inTransaction, cancellationToken: cancellationToken));
        if (keepQueued)
        {
            await connection.ExecuteAsync(new CommandDefinition(restoreSql, key, inTransaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(requeueSql, parameters, inTransaction, cancellationToken: cancellationToken));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(dequeueSql, key, inTransaction, cancellationToken: cancellationToken));
        }

        return true;
    }
}
