using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// QBO read calls per company and UTC month, added to by every instance: Intuit meters an app's reads per month, so the
/// running total must survive restarts and add up across instances before an alert can warn of the budget.
/// </summary>
[Migration(8, "QBO read usage")]
public sealed class M0008_QboReadUsage : Migration
{
    public override void Up()
    {
        IfDatabase(ProcessorIdConstants.MySql, ProcessorIdConstants.MariaDB).Delegate(() => Apply(ColumnTypes.MySql));
        IfDatabase(ProcessorIdConstants.SQLite).Delegate(() => Apply(ColumnTypes.Sqlite));
    }

    public override void Down() =>
        throw new InvalidOperationException("Migrations are forward-only; restore a backup to go back.");

    private void Apply(ColumnTypes t)
    {
        Create.Table("qbo_read_usage")
            .WithColumn("month").AsCustom(t.Varchar(7)).NotNullable().PrimaryKey("pk_qbo_read_usage")
            .WithColumn("realm_id").AsCustom(t.Varchar(64)).NotNullable().PrimaryKey("pk_qbo_read_usage")
            .WithColumn("read_count").AsInt64().NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
    }
}
