using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// A document sent alone whose answer never came: where, in QBO's clock, a look-up for it starts. The payload's later
/// attempt, on any instance, reads from there instead of from the payload's arrival less 15 minutes (docs/books.md,
/// "Exactly once").
/// </summary>
[Migration(19, "QBO creates whose outcome is unknown")]
public sealed class M0019_UncertainCreates : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("qbo_uncertain_creates")
            .WithColumn("fingerprint").AsCustom(t.Varchar(64)).NotNullable().PrimaryKey("pk_qbo_uncertain_creates")
            .WithColumn("earliest_create_time").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable();
        Create.Index("ix_qbo_uncertain_creates_created_at").OnTable("qbo_uncertain_creates").OnColumn("created_at");
    }
}
