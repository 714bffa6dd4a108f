using AccountingIntegration.Features.Import;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Import;

/// <summary>
/// A small export of the old system: two good organizations with their sources, keys, tokens, payloads and logs, and
/// five rows that must be rejected, each for a different reason. Secrets are encrypted by crypto-js itself.
/// </summary>
internal static class OldSystemExport
{
    public const string Passphrase = "old-node-service-encryption-passphrase";
    public const string AccessToken = "eyJraWQiOiJhY2Nlc3MtdG9rZW4tZnJvbS1pbnR1aXQifQ.access";
    public const string RefreshToken = "AB11764000000refreshTokenFromIntuitxyz";
    public const string SigningSecret = "whsec_old_signing_secret_1234567890";
    public const string OtherKeyToken = "token-encrypted-under-another-passphrase";

    /// <summary>Rows in the export, and those of them the import must take.</summary>
    public const int Rows = 26;
    public const int Accepted = 21;

    /// <summary>(table, key, reason) of every row that must be rejected.</summary>
    public static readonly (string Table, string Key, string Reason)[] Rejections =
    [
        ("organizations", "org-bad", Rejection.InvalidValue),
        ("webhook_sources", "src-orphan", Rejection.MissingParent),
        ("oauth_tokens", "tok-b", Rejection.SecretUndecryptable),
        ("webhook_payloads", "pay-x", Rejection.OtherOrganization),
        ("sync_logs", "log-x", Rejection.MissingParent),
    ];

    public static async Task<LegacyExport> WriteAsync(ExportFormat format)
    {
        var secrets = await CryptoJs.EncryptAsync(Passphrase, AccessToken, RefreshToken, SigningSecret);
        var foreign = (await CryptoJs.EncryptAsync("a-different-passphrase", OtherKeyToken + new string('z', 200)))[0];
        var export = new LegacyExport(format);
        export
            .Add("organizations", ("organization_id", "org-a"), ("name", "Acme"), ("slug", "acme-co"), ("plan_tier", "pro"), ("is_active", "true"),
                ("settings", """{"autoCreateCustomers":true}"""), ("created_at", "2025-03-01 10:00:00.123456 UTC"), ("updated_at", "2025-03-02 10:00:00 UTC"))
            .Add("organizations", ("org_id", "org-b"), ("name", "Beta"), ("slug", "beta-co"), ("plan_tier", "free"), ("is_active", "false"),
                ("created_at", "2025-04-01T08:00:00Z"))
            .Add("organizations", ("organization_id", "org-bad"), ("name", "Bad"), ("slug", "Bad Slug!"), ("plan_tier", "pro"), ("created_at", "2025-04-01T08:00:00Z"))
            .Add("admin_users", ("user_id", "user-1"), ("email", "Ops@Example.com"), ("password_hash", "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5mU6Jm1jzY0x6fLUbR8y0/6Rcyz1d2G"),
                ("role", "admin"), ("is_active", "true"), ("failed_logins", "0"), ("created_at", "2025-01-01 00:00:00 UTC"))
            .Add("global_mapping_templates", ("template_id", "tpl-1"), ("name", "Stripe invoices"), ("source_type", "stripe"),
                ("field_mappings", """[{"qboField":"DocNumber","sourceField":"data.object.number"}]"""), ("static_values", "{}"), ("priority", "0"), ("version", "3"))
            .Add("webhook_sources", ("source_id", "src-a"), ("organization_id", "org-a"), ("name", "Stripe"), ("source_type", "stripe"),
                ("signature_scheme", "stripe"), ("signing_secret", secrets[2]), ("is_default", "true"), ("created_at", "2025-03-01 10:00:00 UTC"))
            .Add("webhook_sources", ("source_id", "src-b"), ("organization_id", "org-b"), ("name", "Shop"), ("source_type", "shopify"), ("signature_scheme", "none"))
            .Add("webhook_sources", ("source_id", "src-orphan"), ("organization_id", "org-gone"), ("name", "Lost"), ("source_type", "generic"))
            .Add("api_keys", ("key_id", "key-a"), ("organization_id", "org-a"), ("source_id", "src-a"), ("name", "Stripe key"),
                ("key_prefix", "aik_abcd"), ("key_hash", new string('a', 64)), ("created_at", "2025-03-01 10:00:00 UTC"))
            .Add("client_mapping_overrides", ("override_id", "ovr-1"), ("organization_id", "org-a"), ("field_mappings", "[]"), ("priority", "10"))
            .Add("mapping_configurations", ("mapping_id", "map-1"), ("organization_id", "org-a"), ("source_id", "src-a"), ("priority", "20"))
            .Add("oauth_tokens", ("token_id", "tok-a"), ("organization_id", "org-a"), ("realm_id", "9130001"), ("access_token", secrets[0]),
                ("refresh_token", secrets[1]), ("access_expires_at", "2026-12-01 11:00:00 UTC"), ("refresh_expires_at", "2027-03-01 10:00:00 UTC"),
                ("sync_status", "connected"), ("company_name", "Acme Books"), ("version", "4"))
            .Add("oauth_tokens", ("token_id", "tok-b"), ("organization_id", "org-b"), ("realm_id", "9130002"), ("access_token", foreign),
                ("refresh_token", secrets[1]), ("access_expires_at", "2026-12-01 11:00:00 UTC"), ("refresh_expires_at", "2027-03-01 10:00:00 UTC"))
            .Add("connect_tokens", ("token_id", "ct-1"), ("organization_id", "org-a"), ("token_hash", new string('b', 64)), ("expires_at", "2026-12-08 00:00:00 UTC"));
        string[] statuses = ["succeeded", "success", "pending", "failed", "dead", "skipped"];
        for (var i = 1; i <= statuses.Length; i++)
        {
            export.Add("webhook_payloads", ("payload_id", $"pay-{i}"), ("received_at", $"2026-11-0{i} 09:00:00 UTC"), ("organization_id", "org-a"),
                ("source_id", "src-a"), ("api_key_id", "key-a"), ("event_key", $"evt-{i}"), ("raw_payload", $$"""{"id":"evt-{{i}}","amount":1999}"""),
                ("status", statuses[i - 1]), ("attempts", "1"), ("processed", i <= 2 ? "true" : "false"));
        }

        export
            .Add("webhook_payloads", ("payload_id", "pay-x"), ("received_at", "2026-11-09 09:00:00 UTC"), ("organization_id", "org-b"),
                ("source_id", "src-a"), ("raw_payload", "{}"), ("status", "succeeded"))
            .Add("sync_logs", ("log_id", "log-1"), ("created_at", "2026-11-01 09:00:01 UTC"), ("organization_id", "org-a"), ("payload_id", "pay-1"),
                ("source_id", "src-a"), ("status", "succeeded"), ("qbo_invoice_id", "145"), ("duration_ms", "412"))
            .Add("sync_logs", ("log_id", "log-x"), ("created_at", "2026-11-09 09:00:01 UTC"), ("organization_id", "org-b"), ("payload_id", "pay-x"), ("status", "succeeded"))
            .Add("api_usage_logs", ("log_id", "use-1"), ("timestamp", "2026-11-01 09:00:00 UTC"), ("organization_id", "org-a"), ("api_key_id", "key-a"),
                ("endpoint", "/api/v1/webhook/{slug}"), ("method", "POST"), ("status_code", "202"), ("duration_ms", "12"))
            .Add("audit_logs", ("log_id", "aud-1"), ("timestamp", "2026-11-01 09:00:00 UTC"), ("organization_id", "org-a"), ("actor_type", "admin"),
                ("actor_id", "user-1"), ("category", "organization"), ("action", "organization.updated"), ("details", """{"field":"plan_tier"}"""))
            .Add("audit_logs", ("log_id", "aud-2"), ("timestamp", "2026-11-02 09:00:00 UTC"), ("actor_type", "system"), ("category", "system"), ("action", "startup"));
        export.Write();
        return export;
    }
}
