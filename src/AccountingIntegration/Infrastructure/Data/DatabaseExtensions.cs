using System.Data.Common;
using Dapper;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// One-statement helpers: open a connection, run, translate a unique-key violation into
/// <see cref="DuplicateKeyException"/>. Multi-statement work opens its own transaction.
/// </summary>
internal static class DatabaseExtensions
{
    public static async Task<int> ExecuteAsync(this Database database, string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Translate(() => connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)));
    }

    /// <summary>
    /// Runs one statement and, when it changed a row, what <paramref name="alongside"/> writes (the change's audit entry) in
    /// the same transaction: both commit or neither. Without <paramref name="alongside"/>, the statement runs on its own.
    /// </summary>
    public static async Task<int> ExecuteAsync(this Database database, string sql, object? parameters, Func<DatabaseTransaction, Task>? alongside,
        CancellationToken cancellationToken)
    {
        if (alongside is null)
        {
            return await database.ExecuteAsync(sql, parameters, cancellationToken);
        }

        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var changed = await transaction.ExecuteAsync(sql, parameters, cancellationToken);
        if (changed > 0)
        {
            await alongside(transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// Runs one statement on <paramref name="row"/> and, when it changed a row, what <paramref name="alongside"/> writes of
    /// it (the audit entry of the row created or changed) in the same transaction.
    /// </summary>
    public static Task<int> ExecuteAsync<TRow>(this Database database, string sql, TRow row, Func<DatabaseTransaction, TRow, Task>? alongside,
        CancellationToken cancellationToken)
        where TRow : notnull =>
        database.ExecuteAsync(sql, row, alongside is null ? null : transaction => alongside(transaction, row), cancellationToken);

    /// <summary>Runs one statement in the transaction, a unique-key violation thrown as <see cref="DuplicateKeyException"/>.</summary>
    public static Task<int> ExecuteAsync(this DatabaseTransaction transaction, string sql, object? parameters, CancellationToken cancellationToken) =>
        Translate(() => transaction.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction.Transaction, cancellationToken: cancellationToken)));

    /// <summary>Reads one row in the transaction: what the transaction has written so far is what it sees.</summary>
    public static Task<T> QuerySingleAsync<T>(this DatabaseTransaction transaction, string sql, object? parameters, CancellationToken cancellationToken) =>
        transaction.Connection.QuerySingleAsync<T>(new CommandDefinition(sql, parameters, transaction.Transaction, cancellationToken: cancellationToken));

    public static async Task<T?> QuerySingleOrDefaultAsync<T>(this Database database, string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public static async Task<IReadOnlyList<T>> QueryListAsync<T>(this Database database, string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Sets a row that has one per key: <paramref name="update"/>, then <paramref name="insert"/> when nothing was there;
    /// should a concurrent first save win the insert, the update runs again, so the later call's values stand. Portable
    /// across SQLite and MariaDB without their differing upsert syntax.
    /// </summary>
    public static async Task UpsertAsync(this Database database, string update, string insert, object row, CancellationToken cancellationToken)
    {
        if (await database.ExecuteAsync(update, row, cancellationToken) > 0)
        {
            return;
        }

        try
        {
            await database.ExecuteAsync(insert, row, cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            await database.ExecuteAsync(update, row, cancellationToken);
        }
    }

    /// <summary>
    /// Sets a row that has one per key, as <see cref="UpsertAsync(Database, string, string, object, CancellationToken)"/> does,
    /// with what <paramref name="alongside"/> writes (the change's audit entry) in the same transaction. A concurrent first
    /// save that wins the insert rolls the whole transaction back, and it runs again as an update: no half-done try keeps
    /// the insert's locks. Without <paramref name="alongside"/>, the statements run on their own.
    /// </summary>
    public static async Task UpsertAsync(this Database database, string update, string insert, object row, Func<DatabaseTransaction, Task>? alongside,
        CancellationToken cancellationToken)
    {
        if (alongside is null)
        {
            await database.UpsertAsync(update, insert, row, cancellationToken);
            return;
        }

        try
        {
            await WriteAsync();
        }
        catch (DuplicateKeyException)
        {
            await WriteAsync();
        }

        async Task WriteAsync()
        {
            await using var transaction = await database.BeginTransactionAsync(cancellationToken);
            if (await transaction.ExecuteAsync(update, row, cancellationToken) == 0)
            {
                await transaction.ExecuteAsync(insert, row, cancellationToken);
            }

            await alongside(transaction);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Runs one statement for every row in a single transaction: all rows or none.</summary>
    public static async Task ExecuteBatchAsync<T>(this Database database, string sql, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginAsync(connection, cancellationToken);
        await Translate(() => connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken)));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> and rethrows a unique-key violation as <see cref="DuplicateKeyException"/>.</summary>
    public static async Task<T> Translate<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (DbException e) when (DuplicateKeyException.IsDuplicateKey(e))
        {
            throw new DuplicateKeyException("A row with the same unique key already exists.", e);
        }
    }
}
