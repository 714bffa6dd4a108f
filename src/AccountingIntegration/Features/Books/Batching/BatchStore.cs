using System.Data.Common;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>
/// The stored composition of QBO batch requests: written before a batch is sent, settled with each item's outcome once
/// known, looked up by a document's fingerprint when its payload comes back after an unknown outcome.
/// </summary>
internal sealed class BatchStore(Database database, TimeProvider time)
{
    private const string BatchColumns = "request_id, organization_id, realm_id, state, body, created_at, earliest_create_time, settled_at";
    private const string ItemColumns = "request_id, bid, fingerprint, payload_id, entity_type, outcome, response";

    /// <summary>Stores the batch and its items in one transaction, before a byte of it goes to QBO.</summary>
    public async Task SaveAsync(StoredBatch batch, IReadOnlyList<StoredBatchItem> items, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var connection = transaction.Connection;
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO qbo_batches ({BatchColumns}) VALUES (@RequestId, @OrganizationId, @RealmId, @State, @Body, @CreatedAt, @EarliestCreateTime, @SettledAt)",
            batch, transaction.Transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO qbo_batch_items ({ItemColumns}) VALUES (@RequestId, @Bid, @Fingerprint, @PayloadId, @EntityType, @Outcome, @Response)",
            items, transaction.Transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The newest batch that carried the document with <paramref name="fingerprint"/>, with all its items; null when none did.</summary>
    public async Task<(StoredBatch Batch, IReadOnlyList<StoredBatchItem> Items)?> FindByFingerprintAsync(string fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var batch = await connection.QuerySingleOrDefaultAsync<StoredBatch>(new CommandDefinition(
            $"SELECT {Prefixed("b.", BatchColumns)} FROM qbo_batch_items i JOIN qbo_batches b ON b.request_id = i.request_id " +
            "WHERE i.fingerprint = @Fingerprint ORDER BY b.created_at DESC LIMIT 1",
            new { Fingerprint = fingerprint }, cancellationToken: cancellationToken));
        if (batch is null)
        {
            return null;
        }

        return (batch, await ItemsAsync(connection, null, batch.RequestId, cancellationToken));
    }

    /// <summary>
    /// Records each item's outcome where none is recorded yet, marks the batch settled, and returns its items as stored, in
    /// one transaction. The payloads of a lost batch may settle it at the same time, each from its own look-up: the first
    /// outcome stays, so a later look-up cannot turn back an item another payload has since sent alone (<see cref="BatchItemOutcomes.Resent"/>).
    /// </summary>
    public async Task<IReadOnlyList<StoredBatchItem>> SettleAsync(string requestId, IReadOnlyList<StoredBatchItem> items, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var connection = transaction.Connection;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE qbo_batch_items SET outcome = @Outcome, response = @Response WHERE request_id = @RequestId AND bid = @Bid AND outcome IS NULL",
            items.Where(item => item.Outcome is not null), transaction.Transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE qbo_batches SET state = @State, settled_at = @Now WHERE request_id = @RequestId AND state <> @State",
            new { State = BatchStates.Settled, Now = time.GetUtcNow().UtcDateTime, RequestId = requestId }, transaction.Transaction, cancellationToken: cancellationToken));
        var stored = await ItemsAsync(connection, transaction.Transaction, requestId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <summary>A batch's items in bId order.</summary>
    private static async Task<IReadOnlyList<StoredBatchItem>> ItemsAsync(DbConnection connection, DbTransaction? transaction, string requestId,
        CancellationToken cancellationToken) =>
        (await connection.QueryAsync<StoredBatchItem>(new CommandDefinition(
            $"SELECT {ItemColumns} FROM qbo_batch_items WHERE request_id = @RequestId ORDER BY bid", new { RequestId = requestId }, transaction,
            cancellationToken: cancellationToken))).AsList();

    /// <summary>Records that an item the batch did not write is being sent alone (<see cref="BatchItemOutcomes.Resent"/>).</summary>
    public async Task MarkResentAsync(StoredBatchItem item, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE qbo_batch_items SET outcome = @Outcome WHERE request_id = @RequestId AND bid = @Bid AND outcome = @Absent",
            new { Outcome = BatchItemOutcomes.Resent, Absent = BatchItemOutcomes.Absent, item.RequestId, item.Bid }, cancellationToken: cancellationToken));
    }

    /// <summary>Batches one purge transaction deletes, with their items (up to 30 each).</summary>
    internal int PurgeChunk { get; init; } = 500;

    /// <summary>
    /// Deletes batches created before <paramref name="before"/>, with their items, oldest first and
    /// <see cref="PurgeChunk"/> batches a transaction; returns how many. A company at QBO's ceiling stores 57,600 batches
    /// (1.7 million items) a day: one transaction over all of them would hold SQLite's single writer, and so every ingest
    /// commit, until it ended, and on MariaDB keep every deleted row locked and its undo in one transaction.
    /// </summary>
    public async Task<int> DeleteOlderThanAsync(DateTime before, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var ids = await database.QueryListAsync<string>(
                $"SELECT request_id FROM qbo_batches WHERE created_at < @Before ORDER BY created_at LIMIT {PurgeChunk}", new { Before = before }, cancellationToken);
            if (ids.Count == 0)
            {
                return total;
            }

            await using (var transaction = await database.BeginTransactionAsync(cancellationToken))
            {
                var connection = transaction.Connection;
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM qbo_batch_items WHERE request_id IN @Ids", new { Ids = ids }, transaction.Transaction, cancellationToken: cancellationToken));
                total += await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM qbo_batches WHERE request_id IN @Ids", new { Ids = ids }, transaction.Transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }

            if (ids.Count < PurgeChunk)
            {
                return total;
            }
        }
    }

    private static string Prefixed(string prefix, string columns) =>
        string.Join(", ", columns.Split(", ").Select(column => prefix + column));
}
