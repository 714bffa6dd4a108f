using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// The earliest CreateTime, in QBO's clock, a document of a stored batch can carry, as the instance that composed it
/// measured QBO's clock then. Any instance settling the batch later reads QBO from there, where before it had to allow
/// for a wide skew from a clock it never measured (docs/books.md, "Exactly once"). Null on batches stored before.
/// </summary>
[Migration(18, "QBO batches keep where their look-up starts")]
public sealed class M0018_BatchLookUpStart : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t) =>
        Alter.Table("qbo_batches").AddColumn("earliest_create_time").AsCustom(t.Timestamp).Nullable();
}
