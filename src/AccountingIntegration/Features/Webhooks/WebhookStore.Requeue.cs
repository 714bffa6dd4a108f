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
        RequeueWaitingAsync(organizationId, PayloadStatus.WaitingDependency, cancellationToken, entry => entry.Names is not { } names || names.Any(saleKeys.Contains));

    /// <summary>The organization's payloads parked as <paramref name="waiting"/>, with what each waits for (one index range).</summary>
    public Task<IReadOnlyList<WaitingEntry>> ListWaitingAsync(string organizationId, string waiting, CancellationToken cancellationToken) =>
        database.QueryListAsync<WaitingEntry>(
            "SELECT payload_id AS PayloadId, waiting_for AS WaitingFor FROM webhook_queue WHERE organization_id = @OrganizationId AND status = @Waiting",
            new { OrganizationId = organizationId, Waiting = waiting }, cancellationToken);

    /// <summary>
    /// The waiting payloads are found first, without a lock, and then changed by id, a few hundred per transaction. A
    /// write over an organization's range of the (organization, status) indexes also locked, on MariaDB, the entry past
    /// that range: another organization's payload, whose outcome could be waiting for this transaction. After most booked
    /// sales nothing waits, and then no write transaction runs at all. A payload parked after the read is not woken
    /// here, as one parked after the range write was not before: the next wake-up or the sweep
    /// (<see cref="Processing.WaitingPayloadsSweep"/>) takes it.
    /// </summary>
    private async Task<int> RequeueWaitingAsync(string organizationId, string waiting, CancellationToken cancellationToken, Func<WaitingEntry, bool>? wakes = null)
    {
        var entries = await ListWaitingAsync(organizationId, waiting, cancellationToken);
        return await RequeueAsync([.. entries.Where(e => wakes?.Invoke(e) ?? true).Select(e => e.PayloadId)], waiting, cancellationToken);
    }

    /// <summary>
    /// Makes the payloads <paramref name="payloadIds"/> that are retrying due now rather than at their retry time; one taken
    /// up, finished or already due since is left as it is. Returns how many moved. Their status stays, so no count moves.
    /// </summary>
    public async Task<int> MakeRetryDueAsync(IReadOnlyCollection<string> payloadIds, CancellationToken cancellationToken)
    {
        const string queueSql = "UPDATE webhook_queue SET next_attempt_at = @Now WHERE payload_id IN @Ids AND status = @Retrying AND next_attempt_at > @Now";
        const string payloadSql =
            "UPDATE webhook_payloads SET next_attempt_at = @Now, updated_at = @Now WHERE payload_id IN @Ids AND status = @Retrying AND next_attempt_at > @Now";
        var parameters = new { Retrying = PayloadStatus.Retrying, Now = time.GetUtcNow().UtcDateTime, Ids = payloadIds };
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var due = await transaction.ExecuteAsync(queueSql, parameters, cancellationToken);
        await transaction.ExecuteAsync(payloadSql, parameters, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due;
    }

    /// <summary>
    /// Makes the payloads <paramref name="payloadIds"/> due now, those still parked as <paramref name="waiting"/>; one
    /// taken up or woken since is left as it is. Returns how many moved.
    /// </summary>
    public async Task<int> RequeueAsync(IReadOnlyCollection<string> payloadIds, string waiting, CancellationToken cancellationToken)
    {
        const string queueSql = """
            UPDATE webhook_queue SET status = @Queued, next_attempt_at = @Now, waiting_for = NULL
            WHERE payload_id IN @Ids AND status = @Waiting
            """;
        const string payloadSql = """
            UPDATE webhook_payloads SET status = @Queued, next_attempt_at = @Now, updated_at = @Now
            WHERE payload_id IN @Ids AND status = @Waiting
            """;
        var requeued = 0;
        foreach (var chunk in payloadIds.Chunk(RequeueChunk))
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

/// <summary>A parked payload's queue entry: its id and, for one waiting for its sale, the names that sale would be linked under.</summary>
internal sealed record WaitingEntry(string PayloadId, string? WaitingFor)
{
    /// <summary>
    /// The names in <see cref="WaitingFor"/> (a JSON array), or null when it does not say: parked before entries said
    /// what they wait for, or unreadable. Such an entry cannot rule a sale out, so any sale wakes it: waking costs one
    /// look-up, sleeping a day.
    /// </summary>
    public IReadOnlyList<string>? Names
    {
        get
        {
            if (string.IsNullOrEmpty(WaitingFor))
            {
                return null;
            }

            try
            {
                return JsonSerializer.Deserialize<string[]>(WaitingFor);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
