using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Sync logs (monthly partitions on MySQL), API usage and audit logs (daily partitions).
/// Each key includes the partitioning timestamp, as MySQL requires.
/// </summary>
internal sealed class LogTables(Migration m, ColumnTypes t)
{
    public void Create()
    {
        m.Create.Table("sync_logs")
            .WithColumn("log_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_sync_logs")
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable().PrimaryKey("pk_sync_logs")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("payload_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("source_id").AsCustom(t.Varchar(36)).Nullable()
            .WithColumn("status").AsCustom(t.Varchar(30)).NotNullable()
            .WithColumn("attempt").AsInt32().NotNullable()
            .WithColumn("qbo_request_id").AsCustom(t.Varchar(50)).Nullable()
            .WithColumn("qbo_invoice_id").AsCustom(t.Varchar(50)).Nullable()
            .WithColumn("request_payload").AsCustom(t.JsonText).Nullable()
            .WithColumn("response_payload").AsCustom(t.JsonText).Nullable()
            .WithColumn("error_code").AsCustom(t.Varchar(50)).Nullable()
            .WithColumn("error_message").AsCustom(t.Varchar(2000)).Nullable()
            .WithColumn("duration_ms").AsInt32().NotNullable();
        m.Create.Index("ix_sync_logs_org_payload_status").OnTable("sync_logs")
            .OnColumn("organization_id").Ascending().OnColumn("payload_id").Ascending().OnColumn("status").Ascending();

        m.Create.Table("api_usage_logs")
            .WithColumn("log_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_api_usage_logs")
            .WithColumn("timestamp").AsCustom(t.Timestamp).NotNullable().PrimaryKey("pk_api_usage_logs")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).Nullable()
            .WithColumn("api_key_id").AsCustom(t.Varchar(36)).Nullable()
            .WithColumn("endpoint").AsCustom(t.Varchar(300)).NotNullable()
            .WithColumn("method").AsCustom(t.Varchar(10)).NotNullable()
            .WithColumn("status_code").AsInt32().NotNullable()
            .WithColumn("duration_ms").AsInt32().NotNullable();
        m.Create.Index("ix_api_usage_logs_org_key_endpoint").OnTable("api_usage_logs")
            .OnColumn("organization_id").Ascending().OnColumn("api_key_id").Ascending().OnColumn("endpoint").Ascending();

        m.Create.Table("audit_logs")
            .WithColumn("log_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_audit_logs")
            .WithColumn("timestamp").AsCustom(t.Timestamp).NotNullable().PrimaryKey("pk_audit_logs")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).Nullable()
            .WithColumn("actor_type").AsCustom(t.Varchar(20)).NotNullable()
            .WithColumn("actor_id").AsCustom(t.Varchar(100)).Nullable()
            .WithColumn("category").AsCustom(t.Varchar(50)).NotNullable()
            .WithColumn("action").AsCustom(t.Varchar(100)).NotNullable()
            .WithColumn("target_type").AsCustom(t.Varchar(50)).Nullable()
            .WithColumn("target_id").AsCustom(t.Varchar(100)).Nullable()
            .WithColumn("details").AsCustom(t.JsonText).NotNullable()
            .WithColumn("ip").AsCustom(t.Varchar(45)).Nullable();
        m.Create.Index("ix_audit_logs_org_category_action").OnTable("audit_logs")
            .OnColumn("organization_id").Ascending().OnColumn("category").Ascending().OnColumn("action").Ascending();
        m.Create.Index("ix_audit_logs_timestamp").OnTable("audit_logs").OnColumn("timestamp").Ascending();
    }
}
