namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// The only place SQL differs between SQLite and MySQL/MariaDB. Both dialects sit side by side
/// so that a change to one is made to the other in the same edit.
/// </summary>
internal abstract class SqlDialect
{
    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite.Instance,
        DatabaseProvider.MySql => MySql.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public abstract DatabaseProvider Provider { get; }

    /// <summary><c>INSERT</c> that silently skips a row whose unique key already exists.</summary>
    public abstract string InsertIgnore { get; }

    /// <summary>Row lock suffix for claiming work: other claimers skip locked rows instead of waiting.</summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>
    /// Case-insensitive LIKE with backslash as the escape character (SQLite's LIKE is
    /// ASCII-insensitive already; MySQL's depends on collation). Bind the pattern via <see cref="ContainsPattern"/>.
    /// </summary>
    public abstract string LikeCaseInsensitive(string column, string parameter);

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, with the user's wildcards taken literally.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";

    /// <summary>Row lock suffix for a read whose rows the transaction is about to change: others wait (SQLite: the write lock).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Shared row lock suffix: the row cannot change until this transaction ends (SQLite: the write lock).</summary>
    public abstract string ForShare { get; }

    /// <summary>The start of the hour a timestamp column falls in, as the same text or type the column holds.</summary>
    public abstract string HourOf(string column);

    /// <summary>
    /// Suffix for an <c>INSERT … SELECT</c> into a table keyed by <paramref name="key"/>: a row whose key exists adds its
    /// <paramref name="column"/> to the stored one instead of failing.
    /// </summary>
    public abstract string AddOnDuplicate(string key, string column);

    /// <summary>
    /// Suffix for an <c>INSERT … VALUES</c> into a table keyed by <paramref name="key"/>: a row whose key exists is kept as
    /// it is, and on MariaDB write-locked, where INSERT IGNORE would take only a shared lock (two transactions holding one
    /// then both asking to write it deadlock).
    /// </summary>
    public abstract string KeepOnDuplicate(string key, string column);

    /// <summary>Paging suffix; the same on both, kept here so callers never concatenate numbers.</summary>
    public string Paging => "LIMIT @Limit OFFSET @Offset";

    private sealed class Sqlite : SqlDialect
    {
        public static readonly Sqlite Instance = new();

        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string InsertIgnore => "INSERT OR IGNORE";

        // SQLite has one writer at a time; a write transaction (BEGIN IMMEDIATE) is the lock.
        public override string ForUpdateSkipLocked => string.Empty;

        public override string LikeCaseInsensitive(string column, string parameter) => $"{column} LIKE {parameter} ESCAPE '\\'";

        public override string ForUpdate => string.Empty;

        public override string ForShare => string.Empty;

        // Timestamps are ISO-8601 text, "yyyy-MM-dd HH:mm:ss.fffffff": the hour is its first 13 characters.
        public override string HourOf(string column) => $"substr({column}, 1, 13) || ':00:00'";

        public override string AddOnDuplicate(string key, string column) =>
            $"ON CONFLICT ({key}) DO UPDATE SET {column} = {column} + excluded.{column}";

        public override string KeepOnDuplicate(string key, string column) => $"ON CONFLICT ({key}) DO NOTHING";
    }

    private sealed class MySql : SqlDialect
    {
        public static readonly MySql Instance = new();

        public override DatabaseProvider Provider => DatabaseProvider.MySql;

        public override string InsertIgnore => "INSERT IGNORE";

        public override string ForUpdateSkipLocked => "FOR UPDATE SKIP LOCKED";

        // Backslash is MySQL's default LIKE escape.
        public override string LikeCaseInsensitive(string column, string parameter) => $"LOWER({column}) LIKE LOWER({parameter})";

        public override string ForUpdate => "FOR UPDATE";

        public override string ForShare => "LOCK IN SHARE MODE";

        public override string HourOf(string column) => $"DATE_FORMAT({column}, '%Y-%m-%d %H:00:00')";

        public override string AddOnDuplicate(string key, string column) => $"ON DUPLICATE KEY UPDATE {column} = {column} + VALUES({column})";

        public override string KeepOnDuplicate(string key, string column) => $"ON DUPLICATE KEY UPDATE {column} = {column}";
    }
}
