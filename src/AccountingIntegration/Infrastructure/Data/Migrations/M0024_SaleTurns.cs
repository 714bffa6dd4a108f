using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Which payload is booking a sale, by the names its documents are linked under. Two events of one order taken up at
/// once (Shopify's orders/create and orders/paid, a second apart) each read "no sale" in the ledger before the other had
/// linked it, and each created the order's invoice. A payload now takes the sale's names before it books, and keeps them
/// until its outcome; another payload of the same sale waits its turn. The key leads with the organization and the
/// name, as the turn is taken; the payload index serves the release with each outcome.
/// </summary>
[Migration(24, "Which payload is booking a sale")]
public sealed class M0024_SaleTurns : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("sale_turns")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_sale_turns")
            .WithColumn("turn_key").AsCustom(t.CaseSensitiveVarchar(255)).NotNullable().PrimaryKey("pk_sale_turns")
            .WithColumn("payload_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("taken_at").AsCustom(t.Timestamp).NotNullable();
        Create.Index("ix_sale_turns_payload").OnTable("sale_turns").OnColumn("payload_id").Ascending();
    }
}
