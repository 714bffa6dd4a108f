using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Payloads whose wait for their sale expired, by the names (ledger source keys) that sale would be linked under: a
/// refund or payment failed (DEPENDENCY_MISSING), a cancellation skipped (nothing to void yet). The queue entry that held
/// those names is gone with the terminal outcome, so a sale booked days later (its webhook late, or its mapping fixed and
/// the sale replayed) left the refund unbooked, or the cancelled order open, until someone replayed the payload too.
/// Booking the sale, or the sweep that finds it in the ledger, now takes the payload up again; the key leads with the
/// organization and the name, as both look up.
/// </summary>
[Migration(23, "Payloads whose wait for their sale expired")]
public sealed class M0023_ExpiredSaleWaits : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("expired_sale_waits")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_expired_sale_waits")
            .WithColumn("sale_key").AsCustom(t.CaseSensitiveVarchar(255)).NotNullable().PrimaryKey("pk_expired_sale_waits")
            .WithColumn("payload_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_expired_sale_waits")
            .WithColumn("expired_at").AsCustom(t.Timestamp).NotNullable();
        Create.Index("ix_expired_sale_waits_payload").OnTable("expired_sale_waits").OnColumn("payload_id").Ascending();
        Create.Index("ix_expired_sale_waits_expired_at").OnTable("expired_sale_waits").OnColumn("expired_at").Ascending();
    }
}
