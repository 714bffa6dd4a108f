using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Single-use OAuth state nonces, and the refresh lease on a QBO connection: the process that
/// takes the lease is the only one that calls Intuit's token endpoint for that realm, so a
/// rotated refresh token is never spent twice (REFERENCE §10.1).
/// </summary>
[Migration(3, "OAuth state nonces and token refresh lease")]
public sealed class M0003_OAuthStateAndRefreshLease : BothDatabasesMigration
{
    protected override void Apply(ColumnTypes t)
    {
        Create.Table("oauth_states")
            .WithColumn("nonce").AsCustom(t.CaseSensitiveVarchar(64)).NotNullable().PrimaryKey("pk_oauth_states")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("connect_token_id").AsCustom(t.Varchar(36)).Nullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("expires_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("used_at").AsCustom(t.Timestamp).Nullable();
        Create.Index("ix_oauth_states_expires").OnTable("oauth_states").OnColumn("expires_at").Ascending();

        Alter.Table("oauth_tokens")
            .AddColumn("refresh_lock_owner").AsCustom(t.Varchar(100)).Nullable()
            .AddColumn("refresh_lock_until").AsCustom(t.Timestamp).Nullable()
            .AddColumn("last_refreshed_at").AsCustom(t.Timestamp).Nullable();
    }
}
