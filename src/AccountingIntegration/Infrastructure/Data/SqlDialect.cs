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
    }

    private sealed class MySql : SqlDialect
    {
        public static readonly MySql Instance = new();

        public override DatabaseProvider Provider => DatabaseProvider.MySql;

        public override string InsertIgnore => "INSERT IGNORE";

        public override string ForUpdateSkipLocked => "FOR UPDATE SKIP LOCKED";

        // Backslash is MySQL's default LIKE escape.
        public override string LikeCaseInsensitive(string column, string parameter) => $"LOWER({column}) LIKE LOWER({parameter})";
    }
}
