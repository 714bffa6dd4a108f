using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Security;
using static AccountingIntegration.Features.Import.ColumnKind;

namespace AccountingIntegration.Features.Import;

/// <summary>
/// The old system's 13 tables and how each column lands in the new schema (docs/import.md has the same mapping as
/// tables). Old column names are those of SPEC §4; <c>org_id</c> (the seed's index notation) is read as
/// <c>organization_id</c>. New columns with no old counterpart are derived and say so. Listed parents first: a row is
/// imported only when the rows it refers to were, which the order makes checkable in one pass.
/// </summary>
internal static class LegacyTables
{
    private const string Organizations = "organizations";
    private const string Sources = "webhook_sources";
    private const string ApiKeys = "api_keys";
    private const string Payloads = "webhook_payloads";

    /// <summary>Marks a default taken from <see cref="ImportContext.Now"/>. Declared before <see cref="All"/>, which uses it: static fields initialize in order.</summary>
    internal static readonly object Now = new();

    public static readonly IReadOnlyList<LegacyTable> All =
    [
        new(Organizations, "organization_id",
        [
            Id("organization_id"), Text("name", 200, required: true), Text("slug", 63, required: true),
            Text("plan_tier", 20, required: true) with { Allowed = OrganizationRules.PlanTiers },
            Bool("is_active", true), new("settings", JsonObject) { Default = "{}" }, Created(), Updated(),
        ])
        {
            UniqueKeys = [["slug"]],
            Finish = (row, _) => OrganizationRules.SlugProblem((string)row["slug"]!) is { } problem
                ? new Rejection(Rejection.InvalidValue, $"slug: the slug {problem}.")
                : null,
        },
        new("admin_users", "user_id",
        [
            Id("user_id"), new("email", LowerText) { Required = true, MaxLength = 254 },
            new("password_hash", Sensitive) { Required = true, MaxLength = 100 },
            Text("role", 20, required: true) with { Allowed = AdminRoles.All }, Bool("is_active", true),
            new("failed_logins", Integer) { Default = 0 }, Time("locked_until"), Time("last_login_at"),
            // The stamp that invalidates issued tokens is the new service's own; a fresh one per imported account.
            new("security_stamp", ColumnKind.Text) { OldNames = [] }, Created(), Updated(),
        ])
        {
            UniqueKeys = [["email"]],
            Finish = (row, _) =>
            {
                row["security_stamp"] = Guid.NewGuid().ToString();
                return null;
            },
        },
        new("global_mapping_templates", "template_id",
        [
            Id("template_id"), Text("name", 200, required: true), Text("source_type", 50, required: true),
            Text("description", 1000), new("field_mappings", JsonArray) { Default = "[]" }, new("static_values", JsonObject) { Default = "{}" },
            new("priority", Integer) { Default = 0 }, new("version", Integer) { Default = 1 }, Bool("is_active", true), Created(), Updated(),
        ]),
        new(Sources, "source_id",
        [
            Id("source_id"), Parent("organization_id", Organizations), Text("name", 200, required: true), Text("source_type", 50, required: true),
            Text("signature_scheme", 20) with { Allowed = SignatureSchemes.All, Default = SignatureSchemes.None },
            new("signing_secret", Secret) { Protect = (s, row, plain) => s.SigningSecret(row, plain) },
            Text("event_id_path", 200), Bool("is_default", false), Bool("is_active", true), Created(), Updated(),
        ])
        {
            Finish = (row, _) => (string)row["signature_scheme"]! != SignatureSchemes.None && row["signing_secret"] is null
                ? new Rejection(Rejection.MissingValue, $"signing_secret: the {row["signature_scheme"]} signature scheme needs a signing secret.")
                : null,
        },
        new(ApiKeys, "key_id",
        [
            Id("key_id"), Parent("organization_id", Organizations), Parent("source_id", Sources, required: false),
            Text("name", 200) with { Default = "Imported key" }, Text("key_prefix", 20, required: true),
            new("key_hash", Sha256Hex) { Required = true }, Bool("is_active", true),
            Time("last_used_at"), Time("expires_at"), Time("revoked_at"), Created(),
        ])
        {
            UniqueKeys = [["key_hash"]],
        },
        new("client_mapping_overrides", "override_id",
        [
            Id("override_id"), Parent("organization_id", Organizations), Parent("source_id", Sources, required: false),
            Text("name", 200) with { Default = "Imported override" }, new("field_mappings", JsonArray) { Default = "[]" },
            new("static_values", JsonObject) { Default = "{}" }, new("priority", Integer) { Default = 0 }, Bool("is_active", true), Created(), Updated(),
        ]),
        new("mapping_configurations", "mapping_id",
        [
            Id("mapping_id"), Parent("organization_id", Organizations), Parent("source_id", Sources),
            new("field_mappings", JsonArray) { Default = "[]" }, new("static_values", JsonObject) { Default = "{}" },
            new("priority", Integer) { Default = 0 }, Bool("is_active", true), Created(), Updated(),
        ]),
        new("oauth_tokens", "token_id",
        [
            Id("token_id"), Parent("organization_id", Organizations), Text("realm_id", 32, required: true),
            new("access_token", Secret) { Required = true, Protect = (s, row, plain) => s.AccessToken(row, plain) },
            new("refresh_token", Secret) { Required = true, Protect = (s, row, plain) => s.RefreshToken(row, plain) },
            Time("access_expires_at", required: true), Time("refresh_expires_at", required: true),
            Text("sync_status", 30) with { Allowed = [ConnectionStatus.Connected, ConnectionStatus.RefreshFailed, ConnectionStatus.Revoked], Default = ConnectionStatus.Connected },
            Text("company_name", 200), new("version", Integer) { Default = 1 }, Created(), Updated(),
        ])
        {
            UniqueKeys = [["organization_id", "realm_id"]],
        },
        new("connect_tokens", "token_id",
        [
            Id("token_id"), Parent("organization_id", Organizations), new("token_hash", Sha256Hex) { Required = true },
            Time("expires_at", required: true), Time("used_at"), Bool("is_active", true), Text("created_by", 100), Created(),
        ])
        {
            UniqueKeys = [["token_hash"]],
        },
        new(Payloads, "payload_id",
        [
            Id("payload_id"), Time("received_at", required: true), Parent("organization_id", Organizations), Parent("source_id", Sources),
            Parent("api_key_id", ApiKeys, required: false), Text("event_key", 255), new("raw_payload", Json) { Required = true },
            Text("status", 30, required: true), new("attempts", Integer) { Default = 0 }, Bool("processed", false),
            Text("invoice_id", 50), Text("last_error", 2000), new("updated_at", Timestamp) { DefaultFrom = "received_at" },
        ])
        {
            UniqueKeys = [["organization_id", "source_id", "event_key"]],
            Finish = PayloadImport.Finish,
            Companion = PayloadImport.EventKey,
        },
        new("sync_logs", "log_id",
        [
            Id("log_id"), Time("created_at", required: true), Parent("organization_id", Organizations), Parent("payload_id", Payloads),
            Parent("source_id", Sources, required: false), Text("status", 30, required: true) with { Allowed = SyncLogStatuses.All },
            new("attempt", Integer) { Default = 1 }, Text("qbo_request_id", 50), Text("qbo_invoice_id", 50),
            new("request_payload", Json), new("response_payload", Json), Text("error_code", 50), Text("error_message", 2000),
            new("duration_ms", Integer) { Default = 0 },
        ]),
        new("api_usage_logs", "log_id",
        [
            Id("log_id"), Time("timestamp", required: true), Parent("organization_id", Organizations, required: false),
            Parent("api_key_id", ApiKeys, required: false), Text("endpoint", 300, required: true), Text("method", 10, required: true),
            new("status_code", Integer) { Required = true }, new("duration_ms", Integer) { Default = 0 },
        ]),
        new("audit_logs", "log_id",
        [
            Id("log_id"), Time("timestamp", required: true), Parent("organization_id", Organizations, required: false),
            Text("actor_type", 20, required: true), Text("actor_id", 100), Text("category", 50, required: true), Text("action", 100, required: true),
            Text("target_type", 50), Text("target_id", 100), new("details", JsonObject) { Default = "{}" }, Text("ip", 45),
        ]),
    ];

    private static ImportColumn Id(string name) => new(name, ColumnKind.Text) { Required = true, MaxLength = 36, OldNames = OldNamesOf(name) };

    private static ImportColumn Parent(string name, string table, bool required = true) => new(name, ColumnKind.Text)
    {
        Required = required,
        MaxLength = 36,
        References = table,
        SameOrganization = table != Organizations,
        OldNames = OldNamesOf(name),
    };

    private static IReadOnlyList<string> OldNamesOf(string name) => name == "organization_id" ? ["organization_id", "org_id"] : [name];

    private static ImportColumn Text(string name, int maxLength, bool required = false) => new(name, ColumnKind.Text) { Required = required, MaxLength = maxLength };

    private static ImportColumn Bool(string name, bool fallback) => new(name, ColumnKind.Boolean) { Default = fallback };

    private static ImportColumn Time(string name, bool required = false) => new(name, Timestamp) { Required = required };

    /// <summary>When the old row has no creation time, the import's own time stands in (it is when the row came to be here).</summary>
    private static ImportColumn Created() => new("created_at", Timestamp) { Default = Now };

    private static ImportColumn Updated() => new("updated_at", Timestamp) { DefaultFrom = "created_at" };
}
