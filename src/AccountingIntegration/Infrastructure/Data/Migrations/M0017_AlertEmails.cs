using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// The addresses an organization's own alerts are e-mailed to, beside its alert URL: the people who must fix a tax
/// mapping or reconnect a company often read e-mail, not a webhook receiver.
/// </summary>
[Migration(17, "Alert e-mail recipients per organization")]
public sealed class M0017_AlertEmails : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t) =>
        Create.Table("alert_email_recipients")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_alert_email_recipients")
            .WithColumn("addresses").AsCustom(t.Varchar(2000)).NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
}
