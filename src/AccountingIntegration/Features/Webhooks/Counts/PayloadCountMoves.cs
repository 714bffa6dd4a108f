using System.Data.Common;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks.Counts;

/// <summary>
/// Keeps payload_counts true when payloads change status: called inside the status change's own transaction, before its
/// UPDATE, with the same condition. Only payloads received before the counted-through mark are in the counters; later
/// ones are counted when the maintenance round reaches them, with whatever status they have then.
/// </summary>
internal static class PayloadCountMoves
{
    /// <summary>
    /// Moves the counted payloads that match <paramref name="condition"/> and are not yet in <paramref name="newStatus"/>
    /// from their status's count to the new one. On MariaDB the mark is read with a shared lock, so a maintenance round
    /// that moves it waits for this transaction (and this one for it), and the payload rows are locked before they are
    /// counted, so no concurrent change slips between this count and the caller's UPDATE. On SQLite the write lock does both.
    /// </summary>
    /// <param name="connection">The status change's connection.</param>
    /// <param name="transaction">The status change's transaction.</param>
    /// <param name="dialect">The database's SQL dialect.</param>
    /// <param name="condition">
    /// The status change's WHERE condition on webhook_payloads, without the WHERE. It picks payloads by id
    /// (<c>payload_id = …</c> or <c>payload_id IN …</c>, perhaps with more), so that only their rows are locked.
    /// </param>
    /// <param name="parameters">The condition's parameters; they may not be named CountedThrough or MovedTo.</param>
    /// <param name="newStatus">The status the payloads move to.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public static async Task MoveAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, string condition, object parameters, string newStatus,
        CancellationToken cancellationToken)
    {
        var countedThrough = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(
            $"SELECT counted_through FROM payload_count_mark WHERE mark_id = 1 {dialect.ForShare}", null, transaction, cancellationToken: cancellationToken));
        var all = new DynamicParameters(parameters);
        all.Add("CountedThrough", countedThrough);
        all.Add("MovedTo", newStatus);
        var moving = $"{condition} AND received_at < @CountedThrough AND status <> @MovedTo";
        if (dialect.Provider == DatabaseProvider.MySql)
        {
            // Through the primary key, by the ids alone: each id is an equality on the key's first column, which InnoDB
            // reads without locking the entry after it. Planned on the received-time index instead (as MariaDB planned a
            // claim of many payloads), the read also locked the first entry past the counted range, the oldest payload's,
            // and an outcome holding that one while it waited for the claim's queue entries deadlocked with it, as three
            // instances starting on one MariaDB did (bench/README.md, 2026-12-05).
            await connection.ExecuteAsync(new CommandDefinition(
                $"SELECT COUNT(*) FROM webhook_payloads FORCE INDEX (PRIMARY) WHERE {condition} {dialect.ForUpdate}", all, transaction,
                cancellationToken: cancellationToken));
        }

        // One statement, its rows in key order: two moves that touch the same counters lock them in the same order.
        var hour = dialect.HourOf("received_at");
        var sql = $"""
            INSERT INTO payload_counts (organization_id, received_hour, status, payloads)
            SELECT organization_id, received_hour, status, SUM(delta)
            FROM (SELECT organization_id, {hour} AS received_hour, status, -1 AS delta FROM webhook_payloads WHERE {moving}
                  UNION ALL
                  SELECT organization_id, {hour} AS received_hour, @MovedTo AS status, 1 AS delta FROM webhook_payloads WHERE {moving}) moved
            WHERE 1 = 1
            GROUP BY organization_id, received_hour, status
            ORDER BY organization_id, received_hour, status
            {dialect.AddOnDuplicate("organization_id, received_hour, status", "payloads")}
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, all, transaction, cancellationToken: cancellationToken));
    }
}
