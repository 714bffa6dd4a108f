using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Alerts to the people who must act (docs/alerts.md): each alert once, with how often its cause repeated; one delivery
/// row per destination with its own back-off; the open dedupe window of each cause, whose primary key lets concurrent
/// raisers agree on one alert; and each organization's own alert URL with its signing secret (ciphertext).
/// </summary>
[Migration(7, "Alerts")]
public sealed class M0007_Alerts : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("alerts")
            .WithColumn("alert_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_alerts")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).Nullable()
            .WithColumn("kind").AsCustom(t.Varchar(40)).NotNullable()
            .WithColumn("dedupe_key").AsCustom(t.Varchar(200)).NotNullable()
            .WithColumn("subject").AsCustom(t.Varchar(300)).NotNullable()
            .WithColumn("details").AsCustom(t.JsonText).NotNullable()
            .WithColumn("link_protected").AsCustom(t.JsonText).Nullable()
            .WithColumn("occurrences").AsInt32().NotNullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("last_seen_at").AsCustom(t.Timestamp).NotNullable();
        Create.Index("ix_alerts_org_created").OnTable("alerts")
            .OnColumn("organization_id").Ascending().OnColumn("created_at").Descending();
        Create.Index("ix_alerts_created").OnTable("alerts").OnColumn("created_at").Descending();

        Create.Table("alert_deliveries")
            .WithColumn("delivery_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_alert_deliveries")
            .WithColumn("alert_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("destination").AsCustom(t.Varchar(20)).NotNullable()
            .WithColumn("url").AsCustom(t.Varchar(2000)).NotNullable()
            .WithColumn("state").AsCustom(t.Varchar(20)).NotNullable()
            .WithColumn("attempts").AsInt32().NotNullable()
            .WithColumn("next_attempt_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("last_error").AsCustom(t.Varchar(500)).Nullable()
            .WithColumn("sent_at").AsCustom(t.Timestamp).Nullable();
        Create.Index("ix_alert_deliveries_due").OnTable("alert_deliveries")
            .OnColumn("state").Ascending().OnColumn("next_attempt_at").Ascending();
        Create.Index("ix_alert_deliveries_alert").OnTable("alert_deliveries").OnColumn("alert_id").Ascending();

        Create.Table("alert_windows")
            .WithColumn("dedupe_key").AsCustom(t.CaseSensitiveVarchar(200)).NotNullable().PrimaryKey("pk_alert_windows")
            .WithColumn("alert_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("window_ends_at").AsCustom(t.Timestamp).NotNullable();

        Create.Table("alert_destinations")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_alert_destinations")
            .WithColumn("url").AsCustom(t.Varchar(2000)).NotNullable()
            .WithColumn("secret_protected").AsCustom(t.JsonText).NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
    }
}
