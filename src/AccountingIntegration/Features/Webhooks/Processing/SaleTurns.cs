using AccountingIntegration.Features.Books;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// The turns to book a sale (<see cref="ISaleTurns"/>), kept in <c>sale_turns</c> by organization and name. A turn is
/// held while its payload's attempt is: its queue entry processing, under a lease not run out. A turn whose payload has
/// finished (its outcome released it, <see cref="WebhookStore"/>) or whose worker died (the lease ran out) is taken
/// over. The names are written in one order, each row locked as it is written, so two attempts of one sale meet at
/// its first name and the second sees the first's turn once that commits; on SQLite the write transaction is the lock.
/// Waiting for a turn is not an attempt: the claim's count is given back, so that a payload that waited behind others
/// still has all its retries for QBO's faults.
/// </summary>
internal sealed class SaleTurns(Database database, DeadlockRetry deadlocks, TimeProvider time) : ISaleTurns
{
    /// <summary>A turn's holder is live while its queue entry (aliased <c>q</c>) is processing under a lease not run out.</summary>
    private const string Live = "q.status = @Processing AND q.lease_until >= @Now";

    public Task<string?> TakeAsync(string organizationId, string payloadId, IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        deadlocks.RunAsync("sale_turn", () => TakeOnceAsync(organizationId, payloadId, [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            cancellationToken));

    public async Task<bool> IsTakenAsync(string organizationId, string name, CancellationToken cancellationToken) =>
        await database.QuerySingleOrDefaultAsync<long>($"""
            SELECT COUNT(*) FROM sale_turns t JOIN webhook_queue q ON q.payload_id = t.payload_id
            WHERE t.organization_id = @OrganizationId AND t.turn_key = @Name AND {Live}
            """, new { OrganizationId = organizationId, Name = name, PayloadStatus.Processing, Now = time.GetUtcNow().UtcDateTime }, cancellationToken) > 0;

    /// <summary>Whether <paramref name="payloadId"/>'s attempt is still live, and so still holds the turns it took.</summary>
    public async Task<bool> IsLiveAsync(string payloadId, CancellationToken cancellationToken) =>
        await database.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM webhook_queue q WHERE q.payload_id = @PayloadId AND {Live}",
            new { PayloadId = payloadId, PayloadStatus.Processing, Now = time.GetUtcNow().UtcDateTime }, cancellationToken) > 0;

    private async Task<string?> TakeOnceAsync(string organizationId, string payloadId, string[] names, CancellationToken cancellationToken)
    {
        var take = $"""
            INSERT INTO sale_turns (organization_id, turn_key, payload_id, taken_at) VALUES (@OrganizationId, @Name, @PayloadId, @Now)
            {database.Dialect.KeepOnDuplicate("organization_id, turn_key", "payload_id")}
            """;
        const string holdersSql = """
            SELECT DISTINCT payload_id FROM sale_turns
            WHERE organization_id = @OrganizationId AND turn_key IN @Names AND payload_id <> @PayloadId
            """;
        const string liveSql = $"""
            SELECT q.payload_id FROM webhook_queue q
            WHERE q.payload_id IN @Holders AND {Live}
            ORDER BY q.payload_id LIMIT 1
            """;
        const string takeOverSql = """
            UPDATE sale_turns SET payload_id = @PayloadId, taken_at = @Now
            WHERE organization_id = @OrganizationId AND turn_key IN @Names AND payload_id <> @PayloadId
            """;
        const string giveBackSql = "UPDATE webhook_queue SET attempts = attempts - 1 WHERE payload_id = @PayloadId AND attempts > 0";

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var (connection, inTransaction) = (transaction.Connection, transaction.Transaction);
        foreach (var name in names)
        {
            await connection.ExecuteAsync(new CommandDefinition(take, new { OrganizationId = organizationId, Name = name, PayloadId = payloadId, Now = now },
                inTransaction, cancellationToken: cancellationToken));
        }

        var parameters = new { OrganizationId = organizationId, Names = names, PayloadId = payloadId, Now = now, PayloadStatus.Processing };
        var holders = (await connection.QueryAsync<string>(new CommandDefinition(holdersSql, parameters, inTransaction, cancellationToken: cancellationToken))).AsList();
        if (holders.Count > 0)
        {
            var live = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(liveSql, new { Holders = holders, Now = now, PayloadStatus.Processing },
                inTransaction, cancellationToken: cancellationToken));
            if (live is not null)
            {
                await transaction.Transaction.RollbackAsync(cancellationToken);
                await database.ExecuteAsync(giveBackSql, new { PayloadId = payloadId }, cancellationToken);
                return live;
            }

            await connection.ExecuteAsync(new CommandDefinition(takeOverSql, parameters, inTransaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
