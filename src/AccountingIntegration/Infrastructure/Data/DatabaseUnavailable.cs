using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Recognises a database that cannot be reached or used right now (server gone, connection refused or
/// timed out or lost, a command that timed out, SQLite file busy, locked, unopenable or read-only), as opposed to a bug in a query.
/// Callers answer these with 503 and a retry hint instead of a 500.
/// </summary>
internal static class DatabaseUnavailable
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN.
    private static readonly int[] SqliteOutageCodes = [5, 6, 8, 10, 14];

    public static bool Matches(Exception exception) => AnyInChain(exception, static e => e switch
    {
        // A lost connection (the server closed it mid-command) carries the socket's or stream's error inside.
        MySqlException mysql => mysql.IsTransient || mysql.InnerException is IOException or SocketException
            || mysql.ErrorCode is MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.UnknownDatabase or MySqlErrorCode.CommandTimeoutExpired,
        SqliteException sqlite => SqliteOutageCodes.Contains(sqlite.SqliteErrorCode),
        DbException db => db.IsTransient,
        _ => false,
    });

    /// <summary>Whether a MySQL command gave up waiting for the server (its command timeout expired).</summary>
    public static bool TimedOut(Exception exception) =>
        AnyInChain(exception, static e => e is MySqlException { ErrorCode: MySqlErrorCode.CommandTimeoutExpired });

    private static bool AnyInChain(Exception exception, Func<Exception, bool> test)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (test(e))
            {
                return true;
            }
        }

        return false;
    }
}
