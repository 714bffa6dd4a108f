using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Range-partitions the four high-volume tables on MySQL (the seed's table: payloads and sync
/// logs by month, usage and audit logs by day). Each starts with one catch-all partition;
/// <see cref="PartitionMaintenance"/> splits coming periods off it and drops expired ones.
/// SQLite has no partitions; retention there is a batched delete.
/// </summary>
[Migration(2, "Partition high-volume tables (MySQL)")]
public sealed class M0002_PartitionHighVolumeTables : ForwardOnlyMigration
{
    public override void Up() =>
        IfDatabase(ProcessorIdConstants.MySql, ProcessorIdConstants.MariaDB).Delegate(() =>
        {
            foreach (var plan in PartitionPlan.All)
            {
                Execute.Sql(
                    $"ALTER TABLE {plan.Table} PARTITION BY RANGE COLUMNS({plan.Column}) " +
                    $"(PARTITION {PartitionPlan.CatchAll} VALUES LESS THAN (MAXVALUE))");
            }
        });
}
