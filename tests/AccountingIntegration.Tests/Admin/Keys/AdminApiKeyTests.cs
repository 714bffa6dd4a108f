using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin.Keys;

public sealed class AdminApiKeyTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task CreateApiKey_ThenRevoke_KeyShownOnceWorksThenStopsAtOnce(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var organization = await harness.OrganizationAsync();
        var keysUrl = $"/api/admin/organizations/{organization.OrganizationId}/api-keys";

        using var created = await harness.Admin.PostAsJsonAsync(keysUrl, new { name = "Billing, \"prod\"", expiresAt = DateTime.UtcNow.AddDays(30) });
        var data = await AdminHarness.DataAsync(created);
        var key = data.GetProperty("key").GetString()!;
        var keyId = data.GetProperty("apiKey").GetProperty("keyId").GetString()!;
        using var tenant = new HttpClient { BaseAddress = harness.Service.BaseAddress };
        tenant.DefaultRequestHeaders.Add("X-API-Key", key);
        using var before = await tenant.GetAsync($"/api/v1/org/{organization.Slug}/status");
        var listText = await harness.Viewer.GetStringAsync(keysUrl);
        using var revoked = await harness.Admin.PostAsync($"{keysUrl}/{keyId}/revoke", null);
        using var after = await tenant.GetAsync($"/api/v1/org/{organization.Slug}/status");
        using var listed = await harness.Viewer.GetAsync(keysUrl);
        var row = (await AdminHarness.DataAsync(listed))[0];

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        Assert.StartsWith("aik_", key);
        Assert.True(key.Length >= 4 + 43, "256 random bits in base64url are 43 characters");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.DoesNotContain(key, listText, StringComparison.Ordinal);
        Assert.DoesNotContain(key[4..], listText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("revoked", row.GetProperty("status").GetString());
        Assert.Equal(key[..12], row.GetProperty("keyPrefix").GetString());
        Assert.Equal("Billing, \"prod\"", row.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, row.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, row.GetProperty("revokedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, row.GetProperty("expiresAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("sourceId").ValueKind);
    }

    [Theory, BothDatabases]
    public async Task RevokeApiKey_WebhookWithRevokedKey_Is401(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var organization = await harness.OrganizationAsync();
        var source = await harness.Service.Services.GetRequiredService<WebhookStore>()
            .CreateSourceAsync(organization.OrganizationId, "shop", "shopify", "none", null, null, true, default);
        var keysUrl = $"/api/admin/organizations/{organization.OrganizationId}/api-keys";
        using var created = await harness.Admin.PostAsJsonAsync(keysUrl, new { name = "shop key", sourceId = source.SourceId });
        var data = await AdminHarness.DataAsync(created);
        using var tenant = new HttpClient { BaseAddress = harness.Service.BaseAddress };
        tenant.DefaultRequestHeaders.Add("X-API-Key", data.GetProperty("key").GetString());

        using var accepted = await tenant.PostAsJsonAsync($"/api/v1/webhook/{organization.Slug}", new { id = 1 });
        await harness.Admin.PostAsync($"{keysUrl}/{data.GetProperty("apiKey").GetProperty("keyId").GetString()}/revoke", null);
        using var refused = await tenant.PostAsJsonAsync($"/api/v1/webhook/{organization.Slug}", new { id = 2 });

        Assert.Equal(source.SourceId, data.GetProperty("apiKey").GetProperty("sourceId").GetString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task ApiKeyWrites_AreAudited_WithoutTheKey(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var organization = await harness.OrganizationAsync();
        var keysUrl = $"/api/admin/organizations/{organization.OrganizationId}/api-keys";
        using var created = await harness.Admin.PostAsJsonAsync(keysUrl, new { name = "audited" });
        var data = await AdminHarness.DataAsync(created);
        var key = data.GetProperty("key").GetString()!;
        var keyId = data.GetProperty("apiKey").GetProperty("keyId").GetString()!;
        await harness.Admin.PostAsync($"{keysUrl}/{keyId}/revoke", null);
        await harness.Admin.PostAsync($"{keysUrl}/{keyId}/revoke", null);
        await harness.Admin.PostAsync($"/api/admin/organizations/{organization.OrganizationId}/connect-tokens", null);
        await harness.AuditAsync(organization.OrganizationId, "connect_token.created"); // written after the revocations, so they are stored too

        var creations = await harness.AuditAsync(organization.OrganizationId, "api_key.created");
        var revocations = await harness.AuditAsync(organization.OrganizationId, "api_key.revoked");

        var creation = Assert.Single(creations);
        Assert.Equal(keyId, creation.TargetId);
        Assert.Equal("admin", creation.ActorType);
        Assert.False(string.IsNullOrEmpty(creation.ActorId));
        Assert.DoesNotContain(key, creation.Details.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key[..12], creation.Details.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(keyId, Assert.Single(revocations).TargetId);
    }

    [Theory, BothDatabases]
    public async Task ApiKeyRoutes_Refusals_401NoToken_403Viewer_400FieldsNamed_404OtherOrganization(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var mine = await harness.OrganizationAsync();
        var theirs = await harness.OrganizationAsync("Other Co");
        var theirSource = await harness.Service.Services.GetRequiredService<WebhookStore>()
            .CreateSourceAsync(theirs.OrganizationId, "theirs", "shopify", "none", null, null, true, default);
        var mineUrl = $"/api/admin/organizations/{mine.OrganizationId}/api-keys";
        using var theirKey = await harness.Admin.PostAsJsonAsync($"/api/admin/organizations/{theirs.OrganizationId}/api-keys", new { name = "theirs" });
        var theirKeyId = (await AdminHarness.DataAsync(theirKey)).GetProperty("apiKey").GetProperty("keyId").GetString();

        using var anonymousList = await harness.Anonymous.GetAsync(mineUrl);
        using var anonymousCreate = await harness.Anonymous.PostAsJsonAsync(mineUrl, new { name = "x" });
        using var viewerCreate = await harness.Viewer.PostAsJsonAsync(mineUrl, new { name = "x" });
        using var viewerRevoke = await harness.Viewer.PostAsync($"/api/admin/organizations/{theirs.OrganizationId}/api-keys/{theirKeyId}/revoke", null);
        using var invalid = await harness.Admin.PostAsJsonAsync(mineUrl, new { name = " ", sourceId = theirSource.SourceId, expiresAt = DateTime.UtcNow.AddMinutes(-1) });
        using var crossTenant = await harness.Admin.PostAsync($"{mineUrl}/{theirKeyId}/revoke", null);
        using var unknownOrg = await harness.Admin.GetAsync("/api/admin/organizations/no-such-org/api-keys");
        var mineList = await AdminHarness.DataAsync(await harness.Admin.GetAsync(mineUrl));
        var errors = (await AdminHarness.ProblemAsync(invalid)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousCreate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerCreate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("sourceId", out _) && errors.TryGetProperty("expiresAt", out _));
        Assert.Equal(HttpStatusCode.NotFound, crossTenant.StatusCode);
        Assert.Equal("API_KEY_NOT_FOUND", (await AdminHarness.ProblemAsync(crossTenant)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownOrg.StatusCode);
        Assert.Equal(0, mineList.GetArrayLength());
        Assert.Empty(await harness.AuditAsync(mine.OrganizationId, "api_key.revoked", atLeast: 0));
    }

    [Theory, BothDatabases]
    public async Task CreateApiKey_DeactivatedOrganization_Is409(DatabaseKind kind)
    {
        await using var harness = await AdminHarness.StartAsync(await databases.GetAsync(kind));
        var organization = await harness.OrganizationAsync();
        await harness.Admin.DeleteAsync($"/api/admin/organizations/{organization.OrganizationId}");

        using var created = await harness.Admin.PostAsJsonAsync($"/api/admin/organizations/{organization.OrganizationId}/api-keys", new { name = "late" });

        Assert.Equal(HttpStatusCode.Conflict, created.StatusCode);
        Assert.Equal("ORG_INACTIVE", (await AdminHarness.ProblemAsync(created)).GetProperty("code").GetString());
    }
}
