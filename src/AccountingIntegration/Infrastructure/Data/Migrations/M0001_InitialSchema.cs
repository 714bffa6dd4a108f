using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// The 13 tables of SPEC §4 with the seed's keys and indexes, plus the two small unpartitioned
/// tables the webhook pipeline needs (dedupe keys and the work queue). Partitioning of the four
/// high-volume tables on MySQL is <see cref="M0002_PartitionHighVolumeTables"/>.
/// </summary>
[Migration(1, "Initial schema")]
public sealed class M0001_InitialSchema : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        new TenantTables(this, t).Create();
        new MappingTables(this, t).Create();
        new PipelineTables(this, t).Create();
        new LogTables(this, t).Create();
    }
}
