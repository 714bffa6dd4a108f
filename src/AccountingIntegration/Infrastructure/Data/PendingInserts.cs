using System.Data.Common;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// INSERTs of a group commit gathered from several stores (payloads, queue entries, usage rows) and sent together:
/// on MySQL as one command of multi-row statements, so the whole group's inserts cost one round trip; on SQLite row
/// by row on prepared statements (<see cref="MultiRowInsert"/>).
/// </summary>
internal sealed class PendingInserts
{
    private readonly List<(string Head, IReadOnlyList<object?[]> Rows)> _statements = [];

    /// <summary>Adds the rows of one table; nothing is sent before <see cref="ExecuteAsync"/>.</summary>
    /// <param name="head">The statement up to VALUES, e.g. <c>INSERT INTO t (a, b)</c>.</param>
    /// <param name="rows">One array of column values per row, in the order of the head's columns.</param>
    public void Add(string head, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count > 0)
        {
            _statements.Add((head, rows));
        }
    }

    /// <summary>Sends the rows added; on MySQL <paramref name="inText"/> is committed in the same round trip.</summary>
    public Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, PreparedCommands? prepared, CancellationToken cancellationToken,
        TextTransaction? inText = null) =>
        MultiRowInsert.ExecuteAsync(connection, transaction, _statements, prepared, cancellationToken, inText);
}
