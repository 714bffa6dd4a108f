using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>Organizations, admins, API keys, connect tokens, OAuth tokens and webhook sources.</summary>
internal sealed class TenantTables(Migration m, ColumnTypes t)
{
    public void Create()
    {
        m.Create.Table("organizations")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_organizations")
            .WithColumn("name").AsCustom(t.Varchar(200)).NotNullable()
            .WithColumn("slug").AsCustom(t.Varchar(63)).NotNullable().Unique("ux_organizations_slug")
            .WithColumn("plan_tier").AsCustom(t.Varchar(20)).NotNullable()
            .WithColumn("is_active").AsBoolean().NotNullable()
            .WithColumn("settings").AsCustom(t.JsonText).NotNullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();

        // E-mails are stored lower-cased, so the unique key is case-insensitive on both databases.
        m.Create.Table("admin_users")
            .WithColumn("user_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_admin_users")
            .WithColumn("email").AsCustom(t.Varchar(254)).NotNullable().Unique("ux_admin_users_email")
            .WithColumn("password_hash").AsCustom(t.Varchar(100)).NotNullable()
            .WithColumn("role").AsCustom(t.Varchar(20)).NotNullable()
            .WithColumn("is_active").AsBoolean().NotNullable()
            .WithColumn("failed_logins").AsInt32().NotNullable()
            .WithColumn("locked_until").AsCustom(t.Timestamp).Nullable()
            .WithColumn("last_login_at").AsCustom(t.Timestamp).Nullable()
            .WithColumn("security_stamp").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();

        m.Create.Table("api_keys")
            .WithColumn("key_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_api_keys")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("source_id").AsCustom(t.Varchar(36)).Nullable()
            .WithColumn("name").AsCustom(t.Varchar(200)).NotNullable()
            .WithColumn("key_prefix").AsCustom(t.Varchar(20)).NotNullable()
            .WithColumn("key_hash").AsCustom(t.Varchar(64)).NotNullable().Unique("ux_api_keys_key_hash")
            .WithColumn("is_active").AsBoolean().NotNullable()
            .WithColumn("last_used_at").AsCustom(t.Timestamp).Nullable()
            .WithColumn("expires_at").AsCustom(t.Timestamp).Nullable()
            .WithColumn("revoked_at").AsCustom(t.Timestamp).Nullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable();
        m.Create.Index("ix_api_keys_org_active").OnTable("api_keys")
            .OnColumn("organization_id").Ascending().OnColumn("is_active").Ascending();

        m.Create.Table("connect_tokens")
            .WithColumn("token_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_connect_tokens")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("token_hash").AsCustom(t.Varchar(64)).NotNullable().Unique("ux_connect_tokens_token_hash")
            .WithColumn("expires_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("used_at").AsCustom(t.Timestamp).Nullable()
            .WithColumn("is_active").AsBoolean().NotNullable()
            .WithColumn("created_by").AsCustom(t.Varchar(100)).Nullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable();
        m.Create.Index("ix_connect_tokens_org_active").OnTable("connect_tokens")
            .OnColumn("organization_id").Ascending().OnColumn("is_active").Ascending();

        // version is the optimistic-concurrency counter that makes one refresh win per realm.
        m.Create.Table("oauth_tokens")
            .WithColumn("token_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_oauth_tokens")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("realm_id").AsCustom(t.Varchar(32)).NotNullable()
            .WithColumn("access_token").AsCustom(t.JsonText).NotNullable()
            .WithColumn("refresh_token").AsCustom(t.JsonText).NotNullable()
            .WithColumn("access_expires_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("refresh_expires_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("sync_status").AsCustom(t.Varchar(30)).NotNullable()
            .WithColumn("company_name").AsCustom(t.Varchar(200)).Nullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("last_error").AsCustom(t.Varchar(1000)).Nullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
        m.Create.Index("ux_oauth_tokens_org_realm").OnTable("oauth_tokens").WithOptions().Unique()
            .OnColumn("organization_id").Ascending().OnColumn("realm_id").Ascending();
        m.Create.Index("ix_oauth_tokens_sync_status").OnTable("oauth_tokens").OnColumn("sync_status").Ascending();

        m.Create.Table("webhook_sources")
            .WithColumn("source_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_webhook_sources")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("name").AsCustom(t.Varchar(200)).NotNullable()
            .WithColumn("source_type").AsCustom(t.Varchar(50)).NotNullable()
            .WithColumn("signature_scheme").AsCustom(t.Varchar(20)).NotNullable()
            .WithColumn("signing_secret").AsCustom(t.JsonText).Nullable()
            .WithColumn("event_id_path").AsCustom(t.Varchar(200)).Nullable()
            .WithColumn("is_default").AsBoolean().NotNullable()
            .WithColumn("is_active").AsBoolean().NotNullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
        m.Create.Index("ix_webhook_sources_org_active").OnTable("webhook_sources")
            .OnColumn("organization_id").Ascending().OnColumn("is_active").Ascending();
    }
}
