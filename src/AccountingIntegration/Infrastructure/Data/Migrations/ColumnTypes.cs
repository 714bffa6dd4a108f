namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Column types spelled per database. FluentMigrator's MySQL strings are utf8mb3 (no emoji), its
/// timestamps have no fractional seconds, and it has no JSON text type, so the schema names its
/// types here: MySQL gets utf8mb4 VARCHARs whatever the database's default, DATETIME(6) and LONGTEXT;
/// SQLite stores all of them as TEXT (ISO-8601 text sorts in time order).
/// </summary>
public sealed record ColumnTypes(string Timestamp, string JsonText, Func<int, string> Varchar, Func<int, string> CaseSensitiveVarchar)
{
    public static readonly ColumnTypes MySql = new(
        "DATETIME(6)",
        "LONGTEXT CHARACTER SET utf8mb4",
        n => $"VARCHAR({n}) CHARACTER SET utf8mb4",
        n => $"VARCHAR({n}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");

    public static readonly ColumnTypes Sqlite = new("TEXT", "TEXT", _ => "TEXT", _ => "TEXT");
}
