using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Payloads that failed because their sale was not booked within the time limit (DEPENDENCY_MISSING), by the names
/// (ledger source keys) that sale would be linked under. The queue entry that held those names is gone with the
/// terminal outcome, so without this a refund whose order was booked days later (the order's mapping fixed and
/// replayed, say) stayed failed until someone remembered to replay it too. Booking the sale, or the sweep that finds
/// it in the ledger, now takes the payload up again; the key leads with the organization and the sale, as both look up.
/// </summary>
[Migration(23, "Payloads that failed for want of their sale")]
public sealed class M0023_FailedForSale : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("failed_for_sale")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_failed_for_sale")
            .WithColumn("sale_key").AsCustom(t.CaseSensitiveVarchar(255)).NotNullable().PrimaryKey("pk_failed_for_sale")
            .WithColumn("payload_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_failed_for_sale")
            .WithColumn("failed_at").AsCustom(t.Timestamp).NotNullable();
        Create.Index("ix_failed_for_sale_payload").OnTable("failed_for_sale").OnColumn("payload_id").Ascending();
        Create.Index("ix_failed_for_sale_failed_at").OnTable("failed_for_sale").OnColumn("failed_at").Ascending();
    }
}
