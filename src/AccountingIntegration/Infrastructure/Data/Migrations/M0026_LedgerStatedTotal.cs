using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Each ledger link keeps the total the source stated when the service last wrote its document, beside QBO's own total.
/// The two differ when QBO rounds tax its own way (the payload's <c>TOTAL_DIFFERS</c> note), and an edited sale was
/// told from a redelivery by comparing the vendor's total with QBO's: such an invoice was revised to the same lines on
/// every <c>order.updated</c>. Null on links written before: they fall back to QBO's total until next revised.
/// </summary>
[Migration(26, "Ledger links keep the total their source stated")]
public sealed class M0026_LedgerStatedTotal : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t) =>
        Alter.Table("ledger_links").AddColumn("stated_total").AsDecimal(18, 2).Nullable();
}
