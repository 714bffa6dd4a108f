using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// What a payload parked for its sale waits for: the names (ledger source keys) its sale would be linked under, as a
/// JSON array on its queue entry. A booked sale then wakes only the payloads waiting for it, instead of every payload of
/// its organization that waits for any sale (docs/books.md). Entries parked before this migration have none, and are
/// woken by any sale, as they were.
/// </summary>
[Migration(21, "Queue entries say which sale they wait for")]
public sealed class M0021_QueueWaitingFor : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t) =>
        Alter.Table("webhook_queue").AddColumn("waiting_for").AsCustom(t.JsonText).Nullable();
}
