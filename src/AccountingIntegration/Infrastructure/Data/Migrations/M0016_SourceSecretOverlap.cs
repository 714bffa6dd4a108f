using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// A webhook source's previous signing secret and until when it still verifies: after a rotation, deliveries the
/// sender signed with the old secret (in flight, or retried) are accepted for the overlap window the operator chose.
/// </summary>
[Migration(16, "Webhook source secret overlap")]
public sealed class M0016_SourceSecretOverlap : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Alter.Table("webhook_sources").AddColumn("previous_signing_secret").AsCustom(t.JsonText).Nullable();
        Alter.Table("webhook_sources").AddColumn("previous_secret_expires_at").AsCustom(t.Timestamp).Nullable();
    }
}
