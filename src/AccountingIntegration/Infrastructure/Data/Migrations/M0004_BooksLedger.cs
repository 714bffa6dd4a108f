using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// What the books need to follow an order's whole life: each payload's event type (a delivery's topic header
/// is not in its body), the path that names it in a generic source's body, the event → document choices of the
/// mapping layers, and the ledger links from each source object (a Stripe charge, a Shopify order) to the QBO
/// documents booked for it, so a refund finds its sale and a redelivery books nothing twice.
/// </summary>
[Migration(4, "Event types, event actions and ledger links")]
public sealed class M0004_BooksLedger : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Alter.Table("webhook_payloads").AddColumn("event_type").AsCustom(t.Varchar(100)).Nullable();
        Alter.Table("webhook_sources").AddColumn("event_type_path").AsCustom(t.Varchar(200)).Nullable();
        // JSON text cannot have a default on every MySQL version: absent means "no choices" ({}).
        foreach (var table in new[] { "global_mapping_templates", "client_mapping_overrides", "mapping_configurations" })
        {
            Alter.Table(table).AddColumn("event_actions").AsCustom(t.JsonText).Nullable();
        }

        Create.Table("ledger_links")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_ledger_links")
            .WithColumn("source_key").AsCustom(t.CaseSensitiveVarchar(255)).NotNullable().PrimaryKey("pk_ledger_links")
            .WithColumn("role").AsCustom(t.CaseSensitiveVarchar(100)).NotNullable().PrimaryKey("pk_ledger_links")
            .WithColumn("qbo_type").AsCustom(t.Varchar(30)).NotNullable()
            .WithColumn("qbo_id").AsCustom(t.Varchar(50)).NotNullable()
            .WithColumn("customer_id").AsCustom(t.Varchar(50)).Nullable()
            .WithColumn("total").AsDecimal(18, 2).NotNullable()
            .WithColumn("currency").AsCustom(t.Varchar(3)).Nullable()
            .WithColumn("paid").AsBoolean().NotNullable()
            .WithColumn("state").AsCustom(t.Varchar(20)).NotNullable()
            .WithColumn("payload_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
        Create.Index("ix_ledger_links_document").OnTable("ledger_links")
            .OnColumn("organization_id").Ascending().OnColumn("qbo_type").Ascending().OnColumn("qbo_id").Ascending();
    }
}
