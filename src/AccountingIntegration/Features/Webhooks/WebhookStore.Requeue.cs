using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks;

internal sealed partial class WebhookStore
{
    /// <summary>Payloads woken per transaction: a reconnect after a long outage may wake a hundred thousand.</summary>
    private const int RequeueChunk = 500;

    /// <summary>
    /// Makes every payload of the organization that waits for a QBO connection due now; called
    /// when the organization connects. Each payload's queue entry and archive row change in one transaction.
    /// </summary>
    public Task<int> RequeueWaitingForConnectionAsync(string organizationId, CancellationToken cancellationToken) =>
        RequeueWaitingAsync(organizationId, PayloadStatus.WaitingConnection, cancellationToken);

    /// <summary>
    /// Makes every payload of the organization that waits for its sale due now; called when a sale is booked. Each
    /// checks again whether its own sale is there, and parks again until its time limit if not.
    /// </summary>
    public Task<int> RequeueWaitingForDependencyAsync(string organizationId, CancellationToken cancellationToken) =>
        RequeueWaitingAsync(organizationId, PayloadStatus.WaitingDependency, cancellationToken);

    /// <summary>
    /// The waiting payloads are found first, without a lock, and then changed by id, a few hundred per transaction. A
    /// write over an organization's range of the (organization, status) indexes also locked, on MariaDB, the entry past
    /// that range: another organization's payload, whose outcome could be waiting for this transaction. After most booked
    /// sales nothing waits, and then no write transaction runs at all. A payload parked after the read is not woken
    /// here, as one parked after the range write was not before: the next wake-up (or, for a sale, the time limit) takes it.
    /// </summary>
    private async Task<int> RequeueWaitingAsync(string organizationId, string waiting, CancellationToken cancellationToken)
    {
        const string waitingSql = "SELECT payload_id FROM webhook_queue WHERE organization_id = @OrganizationId AND status = @Waiting";
        const string queueSql = """
            UPDATE webhook_queue SET status = @Queued, next_attempt_at = @Now
            WHERE payload_id IN @Ids AND status = @Waiting
            """;
        const string payloadSql = """
            UPDATE webhook_payloads SET status = @Queued, next_attempt_at = @Now, updated_at = @Now
            WHERE payload_id IN @Ids AND status = @Waiting
            """;
        var ids = await database.QueryListAsync<string>(waitingSql, new { OrganizationId = organizationId, Waiting = waiting }, cancellationToken);
        var requeued = 0;
        foreach (var chunk in ids.Chunk(RequeueChunk))
        {
            var parameters = new { Queued = PayloadStatus.Queued, Waiting = waiting, Now = time.GetUtcNow().UtcDateTime, Ids = chunk };
            await using var transaction = await database.BeginTransactionAsync(cancellationToken);
            var (connection, inTransaction) = (transaction.Connection, transaction.Transaction);
            requeued += await connection.ExecuteAsync(new CommandDefinition(queueSql, parameters, inTransaction, cancellationToken: cancellationToken));
            await PayloadCountMoves.MoveAsync(connection, inTransaction, database.Dialect, "payload_id IN @Ids AND status = @Waiting", parameters,
                PayloadStatus.Queued, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(payloadSql, parameters, inTransaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        return requeued;
    }
}
