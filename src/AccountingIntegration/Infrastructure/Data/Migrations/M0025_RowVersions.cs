using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// A version on organizations and webhook sources, moved by every write. Both are changed as whole rows from an
/// earlier read (a rename, a secret rotation, a settings section, a deactivation), so two changes at once each wrote
/// back the field the other had just changed: a rename beside a rotation could restore the old secret, a settings save
/// beside a deactivation could reactivate the organization. A write now lands only on the version it read; the loser
/// reads again and reapplies its own change. A counter, not the change time: a clock that stands still (or two writes
/// in one microsecond) would not move a time.
/// </summary>
[Migration(25, "Row versions of organizations and webhook sources")]
public sealed class M0025_RowVersions : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Alter.Table("organizations").AddColumn("row_version").AsInt32().NotNullable().WithDefaultValue(0);
        Alter.Table("webhook_sources").AddColumn("row_version").AsInt32().NotNullable().WithDefaultValue(0);
    }
}
