using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// Claiming work from webhook_queue with leases. On MySQL/MariaDB, <c>FOR UPDATE SKIP LOCKED</c>
/// lets several service instances claim side by side without waiting on or taking each other's
/// rows; on SQLite the write transaction is the lock. A claim whose lease ran out (its worker
/// crashed) is due again, so a crash only delays a payload.
/// </summary>
internal sealed class WebhookQueueStore(Database database, DeadlockRetry deadlocks, TimeProvider time)
{
    /// <summary>
    /// An entry a worker may claim at <c>@Now</c>: due, in a working status (a processing entry is one whose worker's lease
    /// ran out; a payload parked for its sale is tried again at its time limit), not leased. Its parameters:
    /// <see cref="ClaimableParameters"/>.
    /// </summary>
    public const string ClaimableCondition = """
        next_attempt_at <= @Now AND status IN (@Queued, @Retrying, @Processing, @WaitingDependency)
          AND (lease_until IS NULL OR lease_until < @Now)
        """;

    public static object ClaimableParameters(DateTime now) => new
    {
        Now = now,
        Queued = PayloadStatus.Queued,
        Retrying = PayloadStatus.Retrying,
        Processing = PayloadStatus.Processing,
        PayloadStatus.WaitingDependency,
    };

    /// <summary>The due entries a claim takes, oldest due first: it reads the due index from its start and stops at @Limit.</summary>
    public static string ClaimSelectSql(SqlDialect dialect) => $"""
        SELECT payload_id FROM webhook_queue
        WHERE {ClaimableCondition}
        ORDER BY next_attempt_at
        LIMIT @Limit
        {dialect.ForUpdateSkipLocked}
        """;

    /// <summary>
    /// Claims up to <paramref name="limit"/> due entries for <paramref name="owner"/>. On MariaDB a claim that lost a
    /// deadlock (to a transaction that took one of its payload rows and the count mark in the other order) runs again.
    /// </summary>
    public Task<IReadOnlyList<QueueClaim>> ClaimDueAsync(string owner, int limit, TimeSpan lease, CancellationToken cancellationToken) =>
        deadlocks.RunAsync("claim", () => ClaimOnceAsync(owner, limit, lease, cancellationToken));

    private async Task<IReadOnlyList<QueueClaim>> ClaimOnceAsync(string owner, int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var selectSql = ClaimSelectSql(database.Dialect);
        const string claimSql = """
            UPDATE webhook_queue SET status = @Processing, lease_owner = @Owner, lease_until = @Until, attempts = attempts + 1
            WHERE payload_id IN @Ids
            """;
        const string readSql = """
            SELECT payload_id AS PayloadId, organization_id AS OrganizationId, received_at AS ReceivedAt, attempts AS Attempts, lease_until AS LeaseUntil,
                   lease_owner AS LeaseOwner, trace_parent AS TraceParent
            FROM webhook_queue WHERE payload_id IN @Ids AND lease_owner = @Owner
            """;
        const string archiveSql = "UPDATE webhook_payloads SET status = @Processing, updated_at = @Now WHERE payload_id IN @Ids";
        var now = time.GetUtcNow().UtcDateTime;
        var parameters = new DynamicParameters(ClaimableParameters(now));
        parameters.Add("Limit", limit);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginAsync(connection, cancellationToken);
        var ids = (await connection.QueryAsync<string>(new CommandDefinition(selectSql, parameters, transaction, cancellationToken: cancellationToken))).AsList();
        if (ids.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        var withIds = new { Now = now, Until = now + lease, Owner = owner, PayloadStatus.Processing, Ids = ids };
        await connection.ExecuteAsync(new CommandDefinition(claimSql, withIds, transaction, cancellationToken: cancellationToken));
        await PayloadCountMoves.MoveAsync(connection, transaction, database.Dialect, "payload_id IN @Ids", new { Ids = ids }, PayloadStatus.Processing, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(archiveSql, withIds, transaction, cancellationToken: cancellationToken));
        var claims = (await connection.QueryAsync<QueueClaim>(new CommandDefinition(readSql, withIds, transaction, cancellationToken: cancellationToken))).AsList();
        await transaction.CommitAsync(cancellationToken);
        return claims;
    }

    /// <summary>
    /// Extends a lease its owner still holds (<see cref="LeaseKeeper"/>); false when the claim is no longer
    /// this owner's (its outcome is written, or its lease ran out and another worker took it).
    /// </summary>
    public async Task<bool> RenewLeaseAsync(string payloadId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE webhook_queue SET lease_until = @Until
            WHERE payload_id = @PayloadId AND lease_owner = @Owner AND status = @Processing
            """;
        var parameters = new { Until = time.GetUtcNow().UtcDateTime + lease, PayloadId = payloadId, Owner = owner, PayloadStatus.Processing };
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Live work: how many entries, when the oldest due one fell due, and when the oldest payload parked for a
    /// connection arrived (it waits until its company reconnects, however long that takes). The number comes from the
    /// payload counters (<see cref="PayloadCountReader"/>), not a count of the queue; the oldest due entry is the head of
    /// the due index, and the oldest waiting payload the head of the payloads' status index.
    /// </summary>
    public async Task<QueueDepth> DepthAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT
              (SELECT next_attempt_at FROM webhook_queue WHERE status NOT IN (@Waiting, @WaitingDependency) ORDER BY next_attempt_at LIMIT 1) AS OldestDueAt,
              (SELECT MIN(received_at) FROM webhook_payloads WHERE status = @Waiting) AS OldestWaitingConnectionSince
            """;
        var byStatus = await CountByStatusAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var depth = await connection.QuerySingleAsync<QueueDepth>(new CommandDefinition(sql,
            new { Waiting = PayloadStatus.WaitingConnection, PayloadStatus.WaitingDependency }, cancellationToken: cancellationToken));
        return depth with { Depth = byStatus.Values.Sum() };
    }

    /// <summary>Live entries by status: queued, retrying, processing, waiting for a connection or for a dependency.</summary>
    public Task<IReadOnlyDictionary<string, long>> CountByStatusAsync(CancellationToken cancellationToken) =>
        new PayloadCountReader(database).LiveByStatusAsync(cancellationToken);
}

/// <summary>The queue at a glance; the two times are null when nothing is due or nothing waits for a connection.</summary>
internal sealed record QueueDepth
{
    public long Depth { get; init; }

    public DateTime? OldestDueAt { get; init; }

    public DateTime? OldestWaitingConnectionSince { get; init; }

    /// <summary>Seconds the oldest due entry has waited past its due time, 0 when none is overdue.</summary>
    public double OverdueSeconds(DateTime now) => OldestDueAt is { } due && due < now ? (now - due).TotalSeconds : 0;

    /// <summary>Seconds since the oldest payload waiting for a connection arrived, null when none waits.</summary>
    public double? WaitingConnectionSeconds(DateTime now) => OldestWaitingConnectionSince is { } since ? Math.Max(0, (now - since).TotalSeconds) : null;
}
