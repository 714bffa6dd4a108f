using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Each ledger link keeps the QBO SyncToken of its document as the service last wrote it (created, then voided), so
/// an operator or a later change can tell the version the books were made from (QBO increments it on every change).
/// </summary>
[Migration(5, "Ledger links keep their document's SyncToken")]
public sealed class M0005_LedgerSyncToken : Migration
{
    public override void Up()
    {
        IfDatabase(ProcessorIdConstants.MySql, ProcessorIdConstants.MariaDB).Delegate(() => Apply(ColumnTypes.MySql));
        IfDatabase(ProcessorIdConstants.SQLite).Delegate(() => Apply(ColumnTypes.Sqlite));
    }

    public override void Down() =>
        throw new InvalidOperationException("Migrations are forward-only; restore a backup to go back.");

    private void Apply(ColumnTypes t) =>
        Alter.Table("ledger_links").AddColumn("sync_token").AsCustom(t.Varchar(20)).Nullable();
}
