using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Where each organization's change (CDC) sweep stands, shared by every instance: from when its next read starts
/// (<c>changed_since</c>, null before its first sweep) and when it is next due (<c>next_sweep_at</c>; an instance
/// sweeping it pushes that ahead by a lease first, so one instance sweeps it at a time). Each instance used to keep
/// this in memory, so N instances read every company's changes N times an interval (metered reads), and a restart
/// looked a whole day back again.
/// </summary>
[Migration(22, "Change sweep cursors shared by the instances")]
public sealed class M0022_DriftCursors : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t) =>
        Create.Table("drift_cursors")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_drift_cursors")
            .WithColumn("changed_since").AsCustom(t.Timestamp).Nullable()
            .WithColumn("next_sweep_at").AsCustom(t.Timestamp).NotNullable();
}
