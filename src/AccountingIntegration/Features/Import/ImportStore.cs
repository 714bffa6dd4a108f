using System.Data.Common;
using Dapper;
using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Import;

/// <summary>Where a table's import got to.</summary>
internal sealed record ImportCheckpoint(string TableName, string FileSha256, long RowsRead, long RowsWritten, bool Completed);

/// <summary>A row the database already holds a different row for under one of its unique keys.</summary>
internal sealed record WriteConflict(long RowNumber, string Key);

/// <summary>
/// Writes imported rows and the checkpoints that make the import resumable. A batch and its checkpoint commit in one
/// transaction, and every insert skips a key that exists, so rerunning a batch after any interruption adds nothing twice.
/// </summary>
internal sealed class ImportStore(Database database)
{
    private const string PayloadTable = "webhook_payloads";

    public async Task<Dictionary<string, ImportCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT table_name AS TableName, file_sha256 AS FileSha256, rows_read AS RowsRead, rows_written AS RowsWritten, completed AS Completed
            FROM import_checkpoints
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CheckpointRow>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows.ToDictionary(c => c.TableName, c => new ImportCheckpoint(c.TableName, c.FileSha256, c.RowsRead, c.RowsWritten, c.Completed), StringComparer.Ordinal);
    }

    /// <returns>How many rows were written, how many were there already, and the rows that collided with other rows.</returns>
    public async Task<(int Written, int AlreadyPresent, List<WriteConflict> Conflicts)> WriteBatchAsync(
        LegacyTable table, IReadOnlyList<(long Number, Dictionary<string, object?> Row)> rows, ImportCheckpoint checkpoint, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var (written, present, conflicts) = (0, 0, new List<WriteConflict>());
        DateTime? earliestPayload = null;
        foreach (var (number, row) in rows)
        {
            if (await InsertAsync(transaction, table.Name, row, cancellationToken))
            {
                written++;
                if (table.Name == PayloadTable && row["received_at"] is DateTime receivedAt && (earliestPayload is null || receivedAt < earliestPayload))
                {
                    earliestPayload = receivedAt;
                }

                if (table.Companion?.Invoke(row) is { } companion)
                {
                    await InsertAsync(transaction, companion.Table, companion.Values, cancellationToken);
                }
            }
            else if (await ExistsAsync(transaction, table, (string)row[table.Key]!, cancellationToken))
            {
                present++;
            }
            else
            {
                conflicts.Add(new WriteConflict(number, (string)row[table.Key]!));
            }
        }

        if (earliestPayload is { } earliest)
        {
            // Imported payloads arrive in the counted past; the dashboard's counters count those hours again.
            await PayloadCountRollup.RecountFromAsync(transaction, database.Dialect, earliest, cancellationToken);
        }

        await SaveCheckpointAsync(transaction, checkpoint with { RowsWritten = checkpoint.RowsWritten + written }, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (written, present, conflicts);
    }

    public async Task SaveCheckpointAsync(ImportCheckpoint checkpoint, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        await SaveCheckpointAsync(transaction, checkpoint, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Table and column names come from <see cref="LegacyTables"/> (code, never the export), so composing them is
    /// safe; every value is a parameter. A plain INSERT whose duplicate key is caught, not INSERT IGNORE: MySQL's IGNORE
    /// would also turn a NULL into a zero date or cut a long text, and SQLite's OR IGNORE would drop such a row unseen.
    /// Both databases undo only the failed statement, so the batch's transaction goes on.
    /// </summary>
    /// <returns>False when a row with the same unique key is there already.</returns>
    private static async Task<bool> InsertAsync(DatabaseTransaction transaction, string tableName, IReadOnlyDictionary<string, object?> row, CancellationToken cancellationToken)
    {
        var columns = row.Keys.ToArray();
        var sql = $"INSERT INTO {tableName} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = new DynamicParameters();
        for (var i = 0; i < columns.Length; i++)
        {
            parameters.Add("p" + i, row[columns[i]]);
        }

        try
        {
            await transaction.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction.Transaction, cancellationToken: cancellationToken));
            return true;
        }
        catch (DbException e) when (DuplicateKeyException.IsDuplicateKey(e))
        {
            return false;
        }
    }

    private static async Task<bool> ExistsAsync(DatabaseTransaction transaction, LegacyTable table, string key, CancellationToken cancellationToken) =>
        await transaction.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table.Name} WHERE {table.Key} = @Key", new { Key = key }, transaction.Transaction, cancellationToken: cancellationToken)) > 0;

    private static async Task SaveCheckpointAsync(DatabaseTransaction transaction, ImportCheckpoint checkpoint, DateTime now, CancellationToken cancellationToken)
    {
        // Delete and insert rather than a dialect's upsert: one importer runs at a time, inside this transaction.
        const string delete = "DELETE FROM import_checkpoints WHERE table_name = @TableName";
        const string insert = """
            INSERT INTO import_checkpoints (table_name, file_sha256, rows_read, rows_written, completed, updated_at)
            VALUES (@TableName, @FileSha256, @RowsRead, @RowsWritten, @Completed, @Now)
            """;
        DbTransaction tx = transaction.Transaction;
        await transaction.Connection.ExecuteAsync(new CommandDefinition(delete, checkpoint, tx, cancellationToken: cancellationToken));
        await transaction.Connection.ExecuteAsync(new CommandDefinition(insert, new
        {
            checkpoint.TableName,
            checkpoint.FileSha256,
            checkpoint.RowsRead,
            checkpoint.RowsWritten,
            checkpoint.Completed,
            Now = now,
        }, tx, cancellationToken: cancellationToken));
    }

    /// <summary>The row as read: SQLite hands booleans back as integers, which a positional record cannot take.</summary>
    private sealed class CheckpointRow
    {
        public string TableName { get; init; } = "";

        public string FileSha256 { get; init; } = "";

        public long RowsRead { get; init; }

        public long RowsWritten { get; init; }

        public bool Completed { get; init; }
    }
}
