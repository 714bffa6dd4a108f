using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Each QBO company's budget, shared by every instance on the database (docs/decisions/0010-shared-realm-budget.md):
/// one row per company whose lock serializes reservations; the blocks of permits granted in the last minute; and the
/// concurrent slots each instance holds, leased so that a killed instance's slots come back. Times are Unix
/// milliseconds: reservations do arithmetic on them, the same on both databases.
/// </summary>
[Migration(13, "QBO realm budget")]
public sealed class M0013_QboRealmBudget : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("qbo_realm_budget")
            .WithColumn("realm_id").AsCustom(t.CaseSensitiveVarchar(64)).NotNullable().PrimaryKey("pk_qbo_realm_budget")
            .WithColumn("reserved_at_ms").AsInt64().NotNullable();

        Create.Table("qbo_realm_grants")
            .WithColumn("grant_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_qbo_realm_grants")
            .WithColumn("realm_id").AsCustom(t.CaseSensitiveVarchar(64)).NotNullable()
            .WithColumn("granted_at_ms").AsInt64().NotNullable()
            .WithColumn("requests").AsInt32().NotNullable()
            .WithColumn("batches").AsInt32().NotNullable();
        Create.Index("ix_qbo_realm_grants_realm_at").OnTable("qbo_realm_grants")
            .OnColumn("realm_id").Ascending().OnColumn("granted_at_ms").Ascending();

        Create.Table("qbo_realm_holders")
            .WithColumn("realm_id").AsCustom(t.CaseSensitiveVarchar(64)).NotNullable().PrimaryKey("pk_qbo_realm_holders")
            .WithColumn("instance_id").AsCustom(t.CaseSensitiveVarchar(200)).NotNullable().PrimaryKey("pk_qbo_realm_holders")
            .WithColumn("held").AsInt32().NotNullable()
            .WithColumn("wanted").AsInt32().NotNullable()
            .WithColumn("expires_at_ms").AsInt64().NotNullable();
    }
}
