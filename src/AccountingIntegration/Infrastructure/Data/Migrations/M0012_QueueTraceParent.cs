using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// The W3C trace context of the request that delivered a payload, kept on its queue entry, so each processing attempt
/// continues the delivery's trace: webhook → queue → attempt → QBO call is one trace (docs/operations.md).
/// </summary>
[Migration(12, "Queue trace parent")]
public sealed class M0012_QueueTraceParent : Migration
{
    public override void Up()
    {
        IfDatabase(ProcessorIdConstants.MySql, ProcessorIdConstants.MariaDB).Delegate(() => Apply(ColumnTypes.MySql));
        IfDatabase(ProcessorIdConstants.SQLite).Delegate(() => Apply(ColumnTypes.Sqlite));
    }

    public override void Down() =>
        throw new InvalidOperationException("Migrations are forward-only; restore a backup to go back.");

    // "00-" + 32 hex trace id + "-" + 16 hex span id + "-" + 2 hex flags: 55 characters.
    private void Apply(ColumnTypes t) =>
        Alter.Table("webhook_queue").AddColumn("trace_parent").AsCustom(t.Varchar(55)).Nullable();
}
