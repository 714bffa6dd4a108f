using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// QBO batch requests as they were composed before they were sent: the exact body, its requestid and, per item, the
/// payload and document it carries and, once known, what QBO made of it. A batch whose answer was lost is settled
/// from this record, never from a batch composed anew (docs/books.md, "Batches").
/// </summary>
[Migration(15, "QBO batches")]
public sealed class M0015_QboBatches : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("qbo_batches")
            .WithColumn("request_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_qbo_batches")
            .WithColumn("organization_id").AsCustom(t.Varchar(64)).NotNullable()
            .WithColumn("realm_id").AsCustom(t.Varchar(64)).NotNullable()
            .WithColumn("state").AsCustom(t.Varchar(16)).NotNullable()
            .WithColumn("body").AsCustom(t.JsonText).NotNullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("settled_at").AsCustom(t.Timestamp).Nullable();
        Create.Index("ix_qbo_batches_created_at").OnTable("qbo_batches").OnColumn("created_at");

        Create.Table("qbo_batch_items")
            .WithColumn("request_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_qbo_batch_items")
            .WithColumn("bid").AsCustom(t.Varchar(10)).NotNullable().PrimaryKey("pk_qbo_batch_items")
            .WithColumn("fingerprint").AsCustom(t.Varchar(64)).NotNullable()
            .WithColumn("payload_id").AsCustom(t.Varchar(64)).NotNullable()
            .WithColumn("entity_type").AsCustom(t.Varchar(32)).NotNullable()
            .WithColumn("outcome").AsCustom(t.Varchar(16)).Nullable()
            .WithColumn("response").AsCustom(t.JsonText).Nullable();
        Create.Index("ix_qbo_batch_items_fingerprint").OnTable("qbo_batch_items").OnColumn("fingerprint");
    }
}
