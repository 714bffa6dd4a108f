using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Each ledger link keeps the QBO SyncToken of its document as the service last wrote it (created, then voided), so
/// an operator or a later change can tell the version the books were made from (QBO increments it on every change).
/// </summary>
[Migration(5, "Ledger links keep their document's SyncToken")]
public sealed class M0005_LedgerSyncToken : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t) =>
        Alter.Table("ledger_links").AddColumn("sync_token").AsCustom(t.Varchar(20)).Nullable();
}
