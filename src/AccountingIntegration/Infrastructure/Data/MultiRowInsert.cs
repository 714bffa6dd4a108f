using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Inserts a group of rows with as few statements as the database does best. MySQL: one INSERT with a VALUES tuple
/// per row, several of them in one command (one round trip). SQLite: one single-row INSERT executed per row, prepared once on the writer's own
/// connection when it has one (<see cref="PreparedCommands"/>) — SQLite runs in process, so a statement costs no
/// round trip, and its lookup of a named parameter is linear in the statement's parameters, which makes a multi-row
/// statement's binding quadratic in its rows.
/// </summary>
internal static class MultiRowInsert
{
    /// <summary>The name of a single-row statement's column parameter on SQLite; the MySQL statements bind by position.</summary>
    public static string ParameterName(int column) => string.Create(CultureInfo.InvariantCulture, $"@c0_{column}");

    /// <summary>Inserts the rows of each statement, in order.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The caller's transaction on it; null when the caller runs its transaction in SQL text.</param>
    /// <param name="statements">Per table: the statement up to VALUES (e.g. <c>INSERT INTO t (a, b)</c>) and one array of column
    /// values per row, in the order of the head's columns; null is stored as NULL.</param>
    /// <param name="prepared">On SQLite, the prepared commands of <paramref name="connection"/>, or null to compile per call.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    /// <param name="inText">MySQL only, instead of <paramref name="transaction"/>: a transaction in SQL text, begun in
    /// this command if no earlier one began it, and committed at its end.</param>
    public static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction,
        IReadOnlyList<(string Head, IReadOnlyList<object?[]> Rows)> statements, PreparedCommands? prepared, CancellationToken cancellationToken,
        TextTransaction? inText = null)
    {
        if (statements.Count == 0 && inText is null)
        {
            return;
        }

        if (connection is SqliteConnection)
        {
            RefuseTextTransaction(inText);

            foreach (var (head, rows) in statements)
            {
                var rowSql = RowSql(head, rows[0].Length);
                for (var r = 0; r < rows.Count; r++)
                {
                    await ExecuteRowAsync(connection, transaction, rowSql, rows[r], prepared, cancellationToken);
                }
            }

            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(inText?.TakeBegin());
        foreach (var (head, rows) in statements)
        {
            Append(command, sql, head, rows);
        }

        sql.Append(inText is null ? null : TextTransaction.Commit);
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts the rows with insert-or-ignore (<paramref name="insertIgnore"/> is the dialect's keyword) and returns the
    /// value of column <paramref name="keyColumn"/> of each row actually inserted: SQLite by each row's change count,
    /// MySQL/MariaDB (10.5+) by RETURNING, which yields only inserted rows. On MySQL <paramref name="inText"/>, instead of
    /// <paramref name="transaction"/>, is a transaction in SQL text that this command begins if no earlier one did.
    /// </summary>
    public static async Task<HashSet<string>> InsertIgnoreAsync(
        DbConnection connection, DbTransaction? transaction, string insertIgnore, string table, string[] columns, int keyColumn,
        IReadOnlyList<object?[]> rows, PreparedCommands? prepared, CancellationToken cancellationToken, TextTransaction? inText = null)
    {
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        var head = $"{insertIgnore} INTO {table} ({string.Join(", ", columns)})";
        if (rows.Count == 0)
        {
            return inserted;
        }

        if (connection is SqliteConnection)
        {
            RefuseTextTransaction(inText);
            var rowSql = RowSql(head, columns.Length);
            foreach (var row in rows)
            {
                if (await ExecuteRowAsync(connection, transaction, rowSql, row, prepared, cancellationToken) > 0)
                {
                    inserted.Add((string)row[keyColumn]!);
                }
            }

            return inserted;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(inText?.TakeBegin());
        Append(command, sql, head, rows);
        sql.Length -= 2; // the ";\n" before RETURNING
        sql.Append(" RETURNING ").Append(columns[keyColumn]);
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(reader.GetString(0));
        }

        return inserted;
    }

    private static void RefuseTextTransaction(TextTransaction? inText)
    {
        if (inText is not null)
        {
            throw new ArgumentException("A transaction in SQL text is for MySQL; on SQLite the connection's transaction holds the statements.", nameof(inText));
        }
    }

    // The single-row statements of the SQLite path, built once per head: a lone request is a group of one, and
    // building the text per group would cost as much as binding its row.
    private static readonly ConcurrentDictionary<(string Head, int Columns), string> RowSqls = new();

    private static string RowSql(string head, int columns) =>
        RowSqls.GetOrAdd((head, columns), static key =>
            key.Head + " VALUES (" + string.Join(", ", Enumerable.Range(0, key.Columns).Select(ParameterName)) + ")");

    private static async Task<int> ExecuteRowAsync(
        DbConnection connection, DbTransaction? transaction, string sql, object?[] row, PreparedCommands? prepared, CancellationToken cancellationToken)
    {
        if (prepared is not null && ReferenceEquals(prepared.Connection, connection))
        {
            var command = prepared.Get(sql, row.Length);
            command.Transaction = transaction;
            Bind(command, row);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var once = connection.CreateCommand();
        once.Transaction = transaction;
        once.CommandText = sql;
        for (var c = 0; c < row.Length; c++)
        {
            var parameter = once.CreateParameter();
            parameter.ParameterName = ParameterName(c);
            once.Parameters.Add(parameter);
        }

        Bind(once, row);
        return await once.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(DbCommand command, object?[] row)
    {
        for (var c = 0; c < row.Length; c++)
        {
            command.Parameters[c].Value = row[c] ?? DBNull.Value;
        }
    }

    /// <summary>
    /// Appends <c>{head} VALUES (?, ?), (?, ?);</c> to <paramref name="sql"/> and binds every row's values to
    /// <paramref name="command"/>, in order. MySqlConnector binds <c>?</c> by position; a named parameter per value cost
    /// a name, the driver's copy of it, an entry in its name index and a look-up when the text is parsed, which was a
    /// quarter of what ingest allocated per request.
    /// </summary>
    private static void Append(DbCommand command, StringBuilder sql, string head, IReadOnlyList<object?[]> rows)
    {
        sql.Append(head).Append(" VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            var row = rows[r];
            for (var c = 0; c < row.Length; c++)
            {
                sql.Append(c == 0 ? "?" : ", ?");
                var parameter = command.CreateParameter();
                parameter.Value = row[c] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        sql.Append(";\n");
    }
}
