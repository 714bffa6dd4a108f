using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Failed and dead outcomes still to be told to their subscribers (the alerts), written in the outcome's own
/// transaction, so a crash between the outcome and its alert loses neither (docs/alerts.md, "Alerts survive a crash").
/// </summary>
[Migration(20, "Payload outcomes kept until their subscribers were told")]
public sealed class M0020_PayloadSettledOutbox : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("payload_settled_outbox")
            .WithColumn("log_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_payload_settled_outbox")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("payload_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("status").AsCustom(t.Varchar(30)).NotNullable()
            .WithColumn("code").AsCustom(t.Varchar(50)).Nullable()
            .WithColumn("settled_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("due_at").AsCustom(t.Timestamp).NotNullable();
        Create.Index("ix_payload_settled_outbox_due_at").OnTable("payload_settled_outbox").OnColumn("due_at");
    }
}
