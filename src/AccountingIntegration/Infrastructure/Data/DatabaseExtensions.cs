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
