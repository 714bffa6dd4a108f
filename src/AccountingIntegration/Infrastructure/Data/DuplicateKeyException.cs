using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>A write hit a unique key. The API turns it into 409 Conflict.</summary>
internal sealed class DuplicateKeyException(string message, Exception inner) : Exception(message, inner)
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
    private const int SqliteUniqueConstraint = 2067;
    private const int SqlitePrimaryKeyConstraint = 1555;

    public static bool IsDuplicateKey(DbException exception) => exception switch
    {
        SqliteException e => e.SqliteExtendedErrorCode is SqliteUniqueConstraint or SqlitePrimaryKeyConstraint,
        MySqlException e => e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry,
        _ => false,
    };
}
