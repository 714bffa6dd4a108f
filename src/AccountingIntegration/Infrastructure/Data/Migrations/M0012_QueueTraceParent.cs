using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// The W3C trace context of the request that delivered a payload, kept on its queue entry, so each processing attempt
/// continues the delivery's trace: webhook → queue → attempt → QBO call is one trace (docs/operations.md).
/// </summary>
[Migration(12, "Queue trace parent")]
public sealed class M0012_QueueTraceParent : BothDatabasesMigration
{
    // "00-" + 32 hex trace id + "-" + 16 hex span id + "-" + 2 hex flags: 55 characters.
    protected override void Apply(ColumnTypes t) =>
        Alter.Table("webhook_queue").AddColumn("trace_parent").AsCustom(t.Varchar(55)).Nullable();
}
