using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>Payload outcomes: the archive row and the queue entry change together.</summary>
internal sealed partial class WebhookStore
{
    /// <summary>
    /// The seed's mark_processed: the invoice exists, so the payload is succeeded and leaves the
    /// queue, in one transaction. False when the payload is unknown.
    /// </summary>
    public async Task<bool> MarkProcessedAsync(string payloadId, string invoiceId, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE webhook_payloads
            SET status = @Status, processed = @True, invoice_id = @InvoiceId, last_error = NULL,
                attempts = COALESCE((SELECT q.attempts FROM webhook_queue q WHERE q.payload_id = @PayloadId), attempts),
                next_attempt_at = NULL, lease_until = NULL, completed_at = @Now, updated_at = @Now
            WHERE payload_id = @PayloadId
            """;
        var parameters = new { Status = PayloadStatus.Succeeded, True = true, InvoiceId = invoiceId, Now = time.GetUtcNow().UtcDateTime, PayloadId = payloadId };
        return await UpdatePayloadAndQueueAsync(sql, parameters, payloadId, keepQueued: false, cancellationToken);
    }

    /// <summary>
    /// Records an outcome other than success. Terminal ones (skipped, failed, dead) complete the
    /// payload and remove its queue entry; queued, retrying and waiting_connection keep (or
    /// restore) the queue entry, due at <paramref name="nextAttemptAt"/> (now when null), lease released.
    /// </summary>
    public async Task<bool> MarkOutcomeAsync(
        string payloadId, string status, string? lastError, DateTime? nextAttemptAt, CancellationToken cancellationToken)
    {
        if (status is PayloadStatus.Succeeded or PayloadStatus.Processing ||
            !(PayloadStatus.IsTerminal(status) || status is PayloadStatus.Queued or PayloadStatus.Retrying or PayloadStatus.WaitingConnection))
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
        };
        return await UpdatePayloadAndQueueAsync(sql, parameters, payloadId, keepQueued: !terminal, cancellationToken);
    }

    /// <summary>
    /// Updates the payload (its attempt count copied from the queue entry, which the workers
    /// increment, so the archive keeps it after the entry is gone), then keeps or removes the
    /// queue entry, atomically. The payload is found by id alone: its partitioning column is not
    /// known here, and the (payload_id, received_at) key still serves the lookup in each partition.
    /// </summary>
    private async Task<bool> UpdatePayloadAndQueueAsync(
        string payloadSql, object parameters, string payloadId, bool keepQueued, CancellationToken cancellationToken)
    {
        // A queue entry that is gone (e.g. a waiting payload whose entry was removed) is restored
        // from the payload row; insert-or-ignore leaves an existing entry to the update below.
        var restoreSql = $"""
            {database.Dialect.InsertIgnore} INTO webhook_queue (payload_id, received_at, organization_id, status, attempts, next_attempt_at, lease_owner, lease_until)
            SELECT payload_id, received_at, organization_id, status, attempts, next_attempt_at, NULL, NULL
            FROM webhook_payloads WHERE payload_id = @PayloadId
            """;
        const string requeueSql = """
            UPDATE webhook_queue SET status = @Status, next_attempt_at = @NextAttemptAt, lease_owner = NULL, lease_until = NULL
            WHERE payload_id = @PayloadId
            """;
        const string dequeueSql = "DELETE FROM webhook_queue WHERE payload_id = @PayloadId";

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginAsync(connection, cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(payloadSql, parameters, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return false;
        }

        var key = new { PayloadId = payloadId };
        if (keepQueued)
        {
            await connection.ExecuteAsync(new CommandDefinition(restoreSql, key, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(requeueSql, parameters, transaction, cancellationToken: cancellationToken));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(dequeueSql, key, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
