using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// Claiming work from webhook_queue with leases. On MySQL/MariaDB, <c>FOR UPDATE SKIP LOCKED</c>
/// lets several service instances claim side by side without waiting on or taking each other's
/// rows; on SQLite the write transaction is the lock. A claim whose lease ran out (its worker
/// crashed) is due again, so a crash only delays a payload.
/// </summary>
internal sealed class WebhookQueueStore(Database database, TimeProvider time)
{
    public async Task<IReadOnlyList<QueueClaim>> ClaimDueAsync(string owner, int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var selectSql = $"""
            SELECT payload_id FROM webhook_queue
            WHERE next_attempt_at <= @Now AND status IN (@Queued, @Retrying, @Processing, @WaitingDependency)
              AND (lease_until IS NULL OR lease_until < @Now)
            ORDER BY next_attempt_at
            LIMIT @Limit
            {database.Dialect.ForUpdateSkipLocked}
            """;
        const string claimSql = """
            UPDATE webhook_queue SET status = @Processing, lease_owner = @Owner, lease_until = @Until, attempts = attempts + 1
            WHERE payload_id IN @Ids
            """;
        const string readSql = """
            SELECT payload_id AS PayloadId, organization_id AS OrganizationId, received_at AS ReceivedAt, attempts AS Attempts, lease_until AS LeaseUntil
            FROM webhook_queue WHERE payload_id IN @Ids AND lease_owner = @Owner
            """;
        const string archiveSql = "UPDATE webhook_payloads SET status = @Processing, updated_at = @Now WHERE payload_id IN @Ids";
        var now = time.GetUtcNow().UtcDateTime;
        var parameters = new
        {
            Now = now,
            Until = now + lease,
            Owner = owner,
            Limit = limit,
            Queued = PayloadStatus.Queued,
            Retrying = PayloadStatus.Retrying,
            Processing = PayloadStatus.Processing,
            // Parked until its time limit (a booked sale makes it due sooner), then tried once more.
            PayloadStatus.WaitingDependency,
        };

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginAsync(connection, cancellationToken);
        var ids = (await connection.QueryAsync<string>(new CommandDefinition(selectSql, parameters, transaction, cancellationToken: cancellationToken))).AsList();
        if (ids.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        var withIds = new { parameters.Now, parameters.Until, parameters.Owner, parameters.Processing, Ids = ids };
        await connection.ExecuteAsync(new CommandDefinition(claimSql, withIds, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(archiveSql, withIds, transaction, cancellationToken: cancellationToken));
        var claims = (await connection.QueryAsync<QueueClaim>(new CommandDefinition(readSql, withIds, transaction, cancellationToken: cancellationToken))).AsList();
        await transaction.CommitAsync(cancellationToken);
        return claims;
    }

    /// <summary>Live work: how many entries and how old the oldest due one is.</summary>
    public async Task<(long Depth, DateTime? OldestDue)> DepthAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var depth = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM webhook_queue", cancellationToken: cancellationToken));
        var oldest = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT MIN(next_attempt_at) FROM webhook_queue WHERE status NOT IN (@Waiting, @WaitingDependency)",
            new { Waiting = PayloadStatus.WaitingConnection, PayloadStatus.WaitingDependency }, cancellationToken: cancellationToken));
        return (depth, oldest);
    }
}
