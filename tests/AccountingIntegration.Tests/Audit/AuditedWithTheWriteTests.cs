using System.Net;
using System.Net.Http.Json;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using static AccountingIntegration.Tests.Admin.Mappings.AdminMappingWorld;

namespace AccountingIntegration.Tests.Audit;

/// <summary>
/// An operator's write and its audit entry commit together: while the entry is refused, the write answers 500 and
/// changes nothing, so the trail never misses a change that was made; sent again, the change is made with one entry.
/// Organizations, API keys, connect links, the three mapping layers, alert settings, an operator's own password and
/// logout, a new webhook source, a connect and a disconnect.
/// </summary>
public sealed class AuditedWithTheWriteTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task OrganizationsKeysAndLinks_AreNotChangedWhileTheirEntryIsRefused(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(database);
        var check = new Check(database, world.AdminId);
        var slug = Unique.Slug("audited");
        await check.RefusedThenDoneAsync("organization.created", () => world.Admin.PostAsJsonAsync("/api/admin/organizations", new { name = "Audited", slug }),
            "SELECT COUNT(*) FROM organizations WHERE slug = @Key", slug);
        var org = await Sql.ScalarAsync<string>(database.Database, "SELECT organization_id FROM organizations WHERE slug = @Slug", new { Slug = slug });
        var admin = $"/api/admin/organizations/{org}";

        await check.RefusedThenDoneAsync("api_key.created", () => world.Admin.PostAsJsonAsync(admin + "/api-keys", new { name = "Shop" }),
            "SELECT COUNT(*) FROM api_keys WHERE organization_id = @Key", org);
        var key = await world.Service.Services.GetRequiredService<ApiKeyStore>().CreateAsync(org!, null, "Kept", "ak_x", Guid.NewGuid().ToString("N"), null, default);
        await check.RefusedThenDoneAsync("api_key.revoked", () => world.Admin.PostAsync($"{admin}/api-keys/{key.KeyId}/revoke", null),
            "SELECT COUNT(*) FROM api_keys WHERE key_id = @Key AND revoked_at IS NULL", key.KeyId);

        await check.RefusedThenDoneAsync("connect_token.created", () => world.Admin.PostAsJsonAsync(admin + "/connect-tokens", new { expiresInDays = 3 }),
            "SELECT COUNT(*) FROM connect_tokens WHERE organization_id = @Key", org);
        var link = await world.Service.Services.GetRequiredService<ConnectTokenStore>().CreateAsync(org!, Guid.NewGuid().ToString("N"),
            DateTime.UtcNow.AddDays(1), "test", default);
        await check.RefusedThenDoneAsync("connect_token.revoked", () => world.Admin.PostAsync($"{admin}/connect-tokens/{link.TokenId}/revoke", null),
            "SELECT COUNT(*) FROM connect_tokens WHERE token_id = @Key AND is_active = 1", link.TokenId);

        await check.RefusedThenDoneAsync("organization.deactivated", () => world.Admin.DeleteAsync(admin),
            "SELECT COUNT(*) FROM organizations WHERE organization_id = @Key AND is_active = 1", org);
    }

    [Theory, BothDatabases]
    public async Task MappingLayers_AreNotChangedWhileTheirEntryIsRefused(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(database);
        var check = new Check(database, world.AdminId);
        var type = UniqueSourceType();
        var (org, source) = await world.OrganizationAsync(type);
        var docNumber = new[] { new { qboField = "DocNumber", sourceField = "ref" } };

        await check.RefusedThenDoneAsync("mapping_template.created", () => world.Admin.PostAsJsonAsync("/api/admin/templates", new { name = "Audited", sourceType = type }),
            "SELECT COUNT(*) FROM global_mapping_templates WHERE source_type = @Key", type);
        var template = await Sql.ScalarAsync<string>(database.Database, "SELECT template_id FROM global_mapping_templates WHERE source_type = @Type", new { Type = type });
        await check.RefusedThenDoneAsync("mapping_template.updated",
            async () => await world.Admin.PutAsJsonAsync($"/api/admin/templates/{template}", new { priority = 7, version = await TemplateVersionAsync(database, template!) }),
            "SELECT COUNT(*) FROM global_mapping_templates WHERE template_id = @Key AND priority = 7", template);
        await check.RefusedThenDoneAsync("mapping_template.deactivated", () => world.Admin.DeleteAsync($"/api/admin/templates/{template}"),
            "SELECT COUNT(*) FROM global_mapping_templates WHERE template_id = @Key AND is_active = 1", template);

        var overrides = $"/api/admin/organizations/{org}/overrides";
        await check.RefusedThenDoneAsync("mapping_override.created", () => world.Admin.PostAsJsonAsync(overrides, new { name = "Memo", fieldMappings = docNumber }),
            "SELECT COUNT(*) FROM client_mapping_overrides WHERE organization_id = @Key", org);
        var overrideId = await Sql.ScalarAsync<string>(database.Database, "SELECT override_id FROM client_mapping_overrides WHERE organization_id = @Org",
            new { Org = org });
        await check.RefusedThenDoneAsync("mapping_override.updated", () => world.Admin.PutAsJsonAsync($"{overrides}/{overrideId}", new { priority = 9 }),
            "SELECT COUNT(*) FROM client_mapping_overrides WHERE override_id = @Key AND priority = 9", overrideId);
        await check.RefusedThenDoneAsync("mapping_override.deleted", () => world.Admin.DeleteAsync($"{overrides}/{overrideId}"),
            "SELECT COUNT(*) FROM client_mapping_overrides WHERE override_id = @Key", overrideId);

        var mapping = $"/api/admin/organizations/{org}/sources/{source}/mapping";
        await check.RefusedThenDoneAsync("source_mapping.saved", () => world.Admin.PutAsJsonAsync(mapping, new { fieldMappings = docNumber }),
            "SELECT COUNT(*) FROM mapping_configurations WHERE source_id = @Key", source);
        await check.RefusedThenDoneAsync("source_mapping.deactivated", () => world.Admin.DeleteAsync(mapping),
            "SELECT COUNT(*) FROM mapping_configurations WHERE source_id = @Key AND is_active = 1", source);
    }

    [Theory, BothDatabases]
    public async Task AlertSettingsAndPasswords_AreNotChangedWhileTheirEntryIsRefused(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(database);
        var check = new Check(database, world.AdminId);
        var (org, _) = await world.OrganizationAsync(UniqueSourceType());
        var destination = $"/api/admin/organizations/{org}/alert-destination";
        var email = $"/api/admin/organizations/{org}/alert-email";

        await check.RefusedThenDoneAsync("alert_destination.set",
            () => world.Admin.PutAsJsonAsync(destination, new { url = "https://alerts.example.com/hook", secret = "a-secret-of-enough-length" }),
            "SELECT COUNT(*) FROM alert_destinations WHERE organization_id = @Key", org);
        await check.RefusedThenDoneAsync("alert_destination.removed", () => world.Admin.DeleteAsync(destination),
            "SELECT COUNT(*) FROM alert_destinations WHERE organization_id = @Key", org);
        await check.RefusedThenDoneAsync("alert_email.set", () => world.Admin.PutAsJsonAsync(email, new { addresses = new[] { "books@example.com" } }),
            "SELECT COUNT(*) FROM alert_email_recipients WHERE organization_id = @Key", org);
        await check.RefusedThenDoneAsync("alert_email.removed", () => world.Admin.DeleteAsync(email),
            "SELECT COUNT(*) FROM alert_email_recipients WHERE organization_id = @Key", org);

        var (user, token) = await Admins.CreateAsync(world.Service.Services);
        using var own = Admins.Client(world.Service, token);
        var self = new Check(database, user.UserId);
        await self.RefusedThenDoneAsync("auth.password_changed",
            () => own.PostAsJsonAsync("/api/admin/auth/change-password", new { currentPassword = Admins.Password, newPassword = "an entirely new passphrase" }),
            "SELECT password_hash FROM admin_users WHERE user_id = @Key", user.UserId);
    }

    [Theory, BothDatabases]
    public async Task Logout_IsNotDoneWhileItsEntryIsRefused(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(database);
        var (user, token) = await Admins.CreateAsync(world.Service.Services);
        using var own = Admins.Client(world.Service, token);

        // Logging out changes the security stamp, so the token stops working: once done, it cannot be sent again.
        await using (await TestTrigger.RefuseAuditAsync(database, "auth.logout"))
        {
            using var refused = await own.PostAsync("/api/admin/auth/logout", null);
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        using (var stillIn = await own.GetAsync("/api/admin/payloads"))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        using (var done = await own.PostAsync("/api/admin/auth/logout", null))
        {
            done.EnsureSuccessStatusCode();
        }

        using var loggedOut = await own.GetAsync("/api/admin/payloads");
        Assert.Equal(HttpStatusCode.Unauthorized, loggedOut.StatusCode);
        Assert.Equal(1, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM audit_logs WHERE action = 'auth.logout' AND actor_id = @Id",
            new { Id = user.UserId }));
    }

    /// <summary>A connect whose entry cannot be stored stores no tokens either; the client is told so and keeps the link.</summary>
    [Theory, BothDatabases]
    public async Task Connect_StoresNoTokensWhileItsEntryIsRefused_AndTheLinkStillWorks(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await ConnectWorld.StartAsync(database);
        var (organization, _) = await world.CreateOrganizationAsync();
        var token = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
        await world.Service.Services.GetRequiredService<ConnectTokenStore>()
            .CreateAsync(organization.OrganizationId, SecretTokens.Hash(token), DateTime.UtcNow.AddDays(7), "ops", default);
        var link = new Uri(world.Service.BaseAddress, $"/api/v1/connect/token/{token}");
        using var browser = new Browser(ConnectWorld.FrontendUrl);

        await using (await TestTrigger.RefuseAuditAsync(database, "connection.connected"))
        {
            var refused = ConnectWorld.Query(await browser.NavigateAsync(link));
            Assert.Equal(("false", "connection_not_saved"), (refused["connected"], refused["error"]));
        }

        Assert.Equal(0, await ConnectionsAsync(database, organization.OrganizationId));
        Assert.Equal("true", ConnectWorld.Query(await browser.NavigateAsync(link))["connected"]);
        Assert.Equal(1, await ConnectionsAsync(database, organization.OrganizationId));
        Assert.Equal(1, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM audit_logs WHERE action = 'connection.connected' AND organization_id = @Id",
            new { Id = organization.OrganizationId }));
    }

    [Theory, BothDatabases]
    public async Task SourcesAndDisconnects_AreNotDoneWhileTheirEntryIsRefused(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify");
        var check = new Check(database, null, world.Organization.OrganizationId);

        await check.RefusedThenDoneAsync("webhook_source.created",
            () => world.Client.PostAsJsonAsync($"/api/v1/webhook/{world.Slug}/sources", new { name = "Billing", sourceType = "stripe" }),
            "SELECT COUNT(*) FROM webhook_sources WHERE organization_id = @Key", world.Organization.OrganizationId);
        await check.RefusedThenDoneAsync("connection.disconnected", () => world.Client.PostAsync($"/api/v1/org/{world.Slug}/disconnect", null),
            "SELECT sync_status FROM oauth_tokens WHERE organization_id = @Key", world.Organization.OrganizationId);
    }

    private static Task<long> ConnectionsAsync(TestDatabase database, string organizationId) =>
        Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM oauth_tokens WHERE organization_id = @Id", new { Id = organizationId });

    private static Task<long> TemplateVersionAsync(TestDatabase database, string templateId) =>
        Sql.CountAsync(database.Database, "SELECT version FROM global_mapping_templates WHERE template_id = @Id", new { Id = templateId });

    /// <summary>
    /// Sends a write twice, first with its audit entry refused; <c>state</c> reads what the write changes, keyed by <c>key</c>.
    /// Entries are counted by their actor, or by their organization when the actor is an API key.
    /// </summary>
    private sealed class Check(TestDatabase database, string? actorId, string? organizationId = null)
    {
        public async Task RefusedThenDoneAsync(string action, Func<Task<HttpResponseMessage>> send, string state, string? key)
        {
            var before = await StateAsync(state, key);
            await using (await TestTrigger.RefuseAuditAsync(database, action))
            {
                using var refused = await send();
                Assert.True(refused.StatusCode == HttpStatusCode.InternalServerError, $"{action} answered {(int)refused.StatusCode} with its entry refused");
            }

            Assert.True(before == await StateAsync(state, key), $"{action} changed what it writes with its entry refused");
            Assert.Equal(0, await EntriesAsync(action));

            using (var done = await send())
            {
                Assert.True(done.IsSuccessStatusCode, $"{action} answered {(int)done.StatusCode}");
            }

            Assert.True(before != await StateAsync(state, key), $"{action} changed nothing");
            Assert.Equal(1, await EntriesAsync(action));
        }

        private async Task<string?> StateAsync(string sql, string? key) =>
            (await Sql.ScalarAsync<object>(database.Database, sql, new { Key = key }))?.ToString();

        private Task<long> EntriesAsync(string action) =>
            Sql.CountAsync(database.Database, """
                SELECT COUNT(*) FROM audit_logs
                WHERE action = @Action AND (@Actor IS NULL OR actor_id = @Actor) AND (@Organization IS NULL OR organization_id = @Organization)
                """, new { Action = action, Actor = actorId, Organization = organizationId });
    }
}
