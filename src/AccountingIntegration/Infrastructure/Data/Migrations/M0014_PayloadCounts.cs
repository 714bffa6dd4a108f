using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Counters the dashboard and the queue gauges read instead of the archive: payloads by organization, hour received and
/// current status, for every payload received before the counted-through mark (one row). The maintenance round counts
/// each newly closed stretch once and moves the mark on; every later status change of a counted payload moves its count
/// in the same transaction (docs/decisions/0014-payload-counters.md). The status index serves the live-queue sums.
/// Two sync log indexes in list order serve its lists, its CSV export's capped count and the dashboard's QBO window: by
/// time (carrying status and organization, so a status filter and a count read the index alone) and by organization.
/// </summary>
[Migration(14, "Payload counters and sync log time indexes")]
public sealed class M0014_PayloadCounts : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("payload_counts")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_payload_counts")
            .WithColumn("received_hour").AsCustom(t.Timestamp).NotNullable().PrimaryKey("pk_payload_counts")
            .WithColumn("status").AsCustom(t.Varchar(30)).NotNullable().PrimaryKey("pk_payload_counts")
            .WithColumn("payloads").AsInt64().NotNullable();
        Create.Index("ix_payload_counts_hour").OnTable("payload_counts").OnColumn("received_hour").Ascending();
        Create.Index("ix_payload_counts_status_hour").OnTable("payload_counts")
            .OnColumn("status").Ascending().OnColumn("received_hour").Ascending();

        Create.Index("ix_sync_logs_created_id_status_org").OnTable("sync_logs")
            .OnColumn("created_at").Ascending().OnColumn("log_id").Ascending().OnColumn("status").Ascending().OnColumn("organization_id").Ascending();
        Create.Index("ix_sync_logs_org_created_id").OnTable("sync_logs")
            .OnColumn("organization_id").Ascending().OnColumn("created_at").Ascending().OnColumn("log_id").Ascending();

        // One row: everything received before counted_through is in payload_counts. It starts before any payload, so the
        // first maintenance round counts the existing archive (from its oldest payload on, an hour per transaction).
        Create.Table("payload_count_mark")
            .WithColumn("mark_id").AsInt32().NotNullable().PrimaryKey("pk_payload_count_mark")
            .WithColumn("counted_through").AsCustom(t.Timestamp).NotNullable();
        Insert.IntoTable("payload_count_mark").Row(new { mark_id = 1, counted_through = "2000-01-01 00:00:00" });
    }
}
