using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Where the <c>import</c> command got to in each table of an old-system export (docs/import.md). A batch of rows
/// and its checkpoint commit in one transaction, so a run interrupted at any point continues after the last batch
/// that landed; the export file's SHA-256 is kept so a changed export is never resumed as if it were the same.
/// </summary>
[Migration(6, "Import checkpoints")]
public sealed class M0006_ImportCheckpoints : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t) =>
        Create.Table("import_checkpoints")
            .WithColumn("table_name").AsCustom(t.Varchar(64)).NotNullable().PrimaryKey("pk_import_checkpoints")
            .WithColumn("file_sha256").AsCustom(t.Varchar(64)).NotNullable()
            .WithColumn("rows_read").AsInt64().NotNullable()
            .WithColumn("rows_written").AsInt64().NotNullable()
            .WithColumn("completed").AsBoolean().NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
}
