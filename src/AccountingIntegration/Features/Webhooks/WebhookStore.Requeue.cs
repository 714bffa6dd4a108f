using System.Text.Json;
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
    /// Makes the organization's payloads that wait for a sale linked under any of <paramref name="saleKeys"/> due now;
    /// called when a sale is booked. A payload parked before its entry said what it waits for is woken by any sale, as it
    /// was then: it checks again whether its own sale is there, and parks again until its time limit if not.
    /// </summary>
    public Task<int> RequeueWaitingForSaleAsync(string organizationId, IReadOnlyCollection<string> saleKeys, CancellationToken cancellationToken) =>
        RequeueWaitingAsync(organizationId, PayloadStatus.WaitingDependency, cancellationToken, waitingFor => WaitsFor(waitingFor, saleKeys));

    /// <summary>Whether an entry's <c>waiting_for</c> (a JSON array of names) names one of <paramref name="saleKeys"/>; true when it says nothing.</summary>
    private static bool WaitsFor(string? waitingFor, IReadOnlyCollection<string> saleKeys)
    {
        if (string.IsNullOrEmpty(waitingFor))
        {
            return true;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(waitingFor) is not { } names || names.Any(saleKeys.Contains);
        }
        catch (JsonException)
        {
            // Unreadable, so it cannot rule the sale out: waking costs one look-up, sleeping a day.
            return true;
        }
    }

    /// <summary>
    /// The waiting payloads are found first, without a lock, and then changed by id, a few hundred per transaction. A
    /// write over an organization's range of the (organization, status) indexes also locked, on MariaDB, the entry past
    /// that range: another organization's payload, whose outcome could be waiting for this transaction. After most booked
    /// sales nothing waits, and then no write transaction runs at all. A payload parked after the read is not woken
    /// here, as one parked after the range write was not before: the next wake-up (or, for a sale, the time limit) takes it.
    /// </summary>
    private async Task<int> RequeueWaitingAsync(string organizationId, string waiting, CancellationToken cancellationToken, Func<string?, bool>? wakes = null)
    {
        const string waitingSql = "SELECT payload_id AS PayloadId, waiting_for AS WaitingFor FROM webhook_queue WHERE organization_id = @OrganizationId AND status = @Waiting";
        const string queueSql = """
            UPDATE webhook_queue SET status = @Queued, next_attempt_at = @Now, waiting_for = NULL
            WHERE payload_id IN @Ids AND status = @Waiting
            """;
        const string payloadSql = """
            UPDATE webhook_payloads SET status = @Queued, next_attempt_at = @Now, updated_at = @Now
            WHERE payload_id IN @Ids AND status = @Waiting
            """;
        var entries = await database.QueryListAsync<WaitingEntry>(waitingSql, new { OrganizationId = organizationId, Waiting = waiting }, cancellationToken);
        var ids = entries.Where(e => wakes?.Invoke(e.WaitingFor) ?? true).Select(e => e.PayloadId).ToList();
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

    private sealed record WaitingEntry(string PayloadId, string? WaitingFor);
}
