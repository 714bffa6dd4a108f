using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// QBO read calls per company and UTC month, added to by every instance: Intuit meters an app's reads per month, so the
/// running total must survive restarts and add up across instances before an alert can warn of the budget.
/// </summary>
[Migration(8, "QBO read usage")]
public sealed class M0008_QboReadUsage : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("qbo_read_usage")
            .WithColumn("month").AsCustom(t.Varchar(7)).NotNullable().PrimaryKey("pk_qbo_read_usage")
            .WithColumn("realm_id").AsCustom(t.Varchar(64)).NotNullable().PrimaryKey("pk_qbo_read_usage")
            .WithColumn("read_count").AsInt64().NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
    }
}
