using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// What a payload parked for its sale waits for: the names (ledger source keys) its sale would be linked under, as a
/// JSON array on its queue entry. A booked sale then wakes only the payloads waiting for it, instead of every payload of
/// its organization that waits for any sale (docs/books.md). Entries parked before this migration have none, and are
/// woken by any sale, as they were.
/// </summary>
[Migration(21, "Queue entries say which sale they wait for")]
public sealed class M0021_QueueWaitingFor : Migration
{
    public override void Up()
    {
        IfDatabase(ProcessorIdConstants.MySql, ProcessorIdConstants.MariaDB).Delegate(() => Apply(ColumnTypes.MySql));
        IfDatabase(ProcessorIdConstants.SQLite).Delegate(() => Apply(ColumnTypes.Sqlite));
    }

    public override void Down() =>
        throw new InvalidOperationException("Migrations are forward-only; restore a backup to go back.");

    private void Apply(ColumnTypes t) =>
        Alter.Table("webhook_queue").AddColumn("waiting_for").AsCustom(t.JsonText).Nullable();
}
