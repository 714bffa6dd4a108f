using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Webhook payloads (the archive, partitioned by month on MySQL), their dedupe keys and the work queue.
/// MySQL requires the partitioning column in every unique key of a partitioned table, so the
/// payload's key is (payload_id, received_at) and the dedupe uniqueness, which must hold across
/// partitions, lives in webhook_event_keys, written in the same transaction as the payload.
/// The queue holds only live work, so claiming never scans the archive.
/// </summary>
internal sealed class PipelineTables(Migration m, ColumnTypes t)
{
    public void Create()
    {
        m.Create.Table("webhook_payloads")
            .WithColumn("payload_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_webhook_payloads")
            .WithColumn("received_at").AsCustom(t.Timestamp).NotNullable().PrimaryKey("pk_webhook_payloads")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("source_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("api_key_id").AsCustom(t.Varchar(36)).Nullable()
            .WithColumn("event_key").AsCustom(t.CaseSensitiveVarchar(255)).Nullable()
            .WithColumn("raw_payload").AsCustom(t.JsonText).NotNullable()
            .WithColumn("status").AsCustom(t.Varchar(30)).NotNullable()
            .WithColumn("attempts").AsInt32().NotNullable()
            .WithColumn("next_attempt_at").AsCustom(t.Timestamp).Nullable()
            .WithColumn("lease_until").AsCustom(t.Timestamp).Nullable()
            .WithColumn("processed").AsBoolean().NotNullable()
            .WithColumn("invoice_id").AsCustom(t.Varchar(50)).Nullable()
            .WithColumn("last_error").AsCustom(t.Varchar(2000)).Nullable()
            .WithColumn("completed_at").AsCustom(t.Timestamp).Nullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
        m.Create.Index("ix_webhook_payloads_org_source_processed").OnTable("webhook_payloads")
            .OnColumn("organization_id").Ascending().OnColumn("source_id").Ascending().OnColumn("processed").Ascending();
        m.Create.Index("ix_webhook_payloads_org_status_received").OnTable("webhook_payloads")
            .OnColumn("organization_id").Ascending().OnColumn("status").Ascending().OnColumn("received_at").Ascending();
        m.Create.Index("ix_webhook_payloads_received").OnTable("webhook_payloads")
            .OnColumn("received_at").Ascending();

        m.Create.Table("webhook_event_keys")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_webhook_event_keys")
            .WithColumn("source_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_webhook_event_keys")
            .WithColumn("event_key").AsCustom(t.CaseSensitiveVarchar(255)).NotNullable().PrimaryKey("pk_webhook_event_keys")
            .WithColumn("payload_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("received_at").AsCustom(t.Timestamp).NotNullable();
        m.Create.Index("ix_webhook_event_keys_received").OnTable("webhook_event_keys")
            .OnColumn("received_at").Ascending();

        m.Create.Table("webhook_queue")
            .WithColumn("payload_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_webhook_queue")
            .WithColumn("received_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("status").AsCustom(t.Varchar(30)).NotNullable()
            .WithColumn("attempts").AsInt32().NotNullable()
            .WithColumn("next_attempt_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("lease_owner").AsCustom(t.Varchar(100)).Nullable()
            .WithColumn("lease_until").AsCustom(t.Timestamp).Nullable();
        m.Create.Index("ix_webhook_queue_due").OnTable("webhook_queue")
            .OnColumn("next_attempt_at").Ascending();
        m.Create.Index("ix_webhook_queue_org_status").OnTable("webhook_queue")
            .OnColumn("organization_id").Ascending().OnColumn("status").Ascending();
    }
}
