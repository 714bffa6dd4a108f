using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Opens connections for the configured database. A singleton: stores hold it and open one
/// connection per operation (<c>await using</c>); the drivers pool the physical connections.
/// </summary>
internal sealed class Database(DatabaseUrl url)
{
    // Physical SQLite connections already configured: the driver pools them, and the PRAGMAs
    // stick to the physical connection, so running them on every open is wasted work.
    private readonly ConditionalWeakTable<object, object> _configured = new();

    /// <summary>How long a SQLite connection waits for the write lock before it reports the database busy.</summary>
    public const int BusyTimeoutMilliseconds = 30000;

    public DatabaseUrl Url { get; } = url;

    public DatabaseProvider Provider => Url.Provider;

    public SqlDialect Dialect { get; } = SqlDialect.For(url.Provider);

    // MySQL: the connection string of OpenFailingFastAsync, built once (a pool of its own).
    private string? _failingFast;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => OpenAsync(Url.ConnectionString, cancellationToken);

    /// <summary>
    /// MySQL: a connection whose commands give up after the connection timeout (5 s unless DATABASE_URL says
    /// otherwise) instead of the driver's 30 s, so that a server that froze mid-command fails the work while its client
    /// still waits for an answer. For short writes held across requests (the ingest writer); on SQLite the same as
    /// <see cref="OpenAsync(CancellationToken)"/>.
    /// </summary>
    public Task<DbConnection> OpenFailingFastAsync(CancellationToken cancellationToken = default)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return OpenAsync(cancellationToken);
        }

        if (_failingFast is null)
        {
            var builder = new MySqlConnectionStringBuilder(Url.ConnectionString);
            builder.DefaultCommandTimeout = builder.ConnectionTimeout;
            _failingFast = builder.ConnectionString;
        }

        return OpenAsync(_failingFast, cancellationToken);
    }

    private async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(connectionString)
            : new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection { Handle: { } handle } sqlite && !_configured.TryGetValue(handle, out _))
            {
                await ConfigureSqliteAsync(sqlite, cancellationToken);
                _configured.AddOrUpdate(handle, handle);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a connection and begins a writing transaction on it; see <see cref="BeginAsync"/>.</summary>
    public async Task<DatabaseTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            return new DatabaseTransaction(connection, await BeginAsync(connection, cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Begins a transaction. On SQLite a writing transaction must take the write lock up front
    /// (BEGIN IMMEDIATE); otherwise two readers that both upgrade to writers deadlock into SQLITE_BUSY.
    /// </summary>
    public static async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    private static async Task ConfigureSqliteAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file (set by the migrator); synchronous=FULL makes every commit
        // durable across a power cut, which a 202 promises. busy_timeout lets writers queue briefly.
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
