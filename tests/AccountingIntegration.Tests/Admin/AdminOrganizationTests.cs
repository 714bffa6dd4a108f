using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin;

public sealed class AdminOrganizationTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Organizations_CreateReadUpdateListDeactivate(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var (_, token) = await Admins.CreateAsync(service.Services);
        using var admin = Admins.Client(service, token);
        var slug = Unique.Slug("adm");

        using var created = await admin.PostAsJsonAsync("/api/admin/organizations", new { name = "Globex", slug, planTier = "starter", settings = new { autoCreateItems = false } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("organizationId").GetString();
        using var duplicate = await admin.PostAsJsonAsync("/api/admin/organizations", new { name = "Again", slug });
        using var updated = await admin.PutAsJsonAsync($"/api/admin/organizations/{id}", new { planTier = "enterprise" });
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/organizations?search={slug}");
        using var deactivated = await admin.DeleteAsync($"/api/admin/organizations/{id}");
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/organizations/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("SLUG_TAKEN", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("enterprise", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("planTier").GetString());
        Assert.Equal(1, list.GetProperty("pagination").GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False(read.GetProperty("data").GetProperty("isActive").GetBoolean());
        Assert.False(read.GetProperty("data").GetProperty("settings").GetProperty("autoCreateItems").GetBoolean());
    }

    /// <summary>
    /// A change to another organization's slug is 409 SLUG_TAKEN; a change whose audit entry cannot be stored is not made
    /// (the entry is written in the change's transaction), and once it can be, the change is made with one entry.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Organizations_UpdateToATakenSlug_Is409_AndAnUpdateIsDoneOnlyWithItsAuditEntry(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var service = await TestService.StartAsync(database);
        var (_, token) = await Admins.CreateAsync(service.Services);
        using var admin = Admins.Client(service, token);
        var taken = Unique.Slug("adm");
        using (var other = await admin.PostAsJsonAsync("/api/admin/organizations", new { name = "Initech", slug = taken }))
        {
            other.EnsureSuccessStatusCode();
        }

        using var created = await admin.PostAsJsonAsync("/api/admin/organizations", new { name = "Globex", slug = Unique.Slug("adm") });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("organizationId").GetString()!;

        using var duplicate = await admin.PutAsJsonAsync($"/api/admin/organizations/{id}", new { slug = taken });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("SLUG_TAKEN", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        await using (await TestTrigger.RefuseAuditAsync(database, "organization.updated"))
        {
            using var refused = await admin.PutAsJsonAsync($"/api/admin/organizations/{id}", new { name = "Globex Corporation" });
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        Assert.Equal("Globex", await Sql.ScalarAsync<string>(database.Database, "SELECT name FROM organizations WHERE organization_id = @Id", new { Id = id }));
        using var renamed = await admin.PutAsJsonAsync($"/api/admin/organizations/{id}", new { name = "Globex Corporation" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(1, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM audit_logs WHERE action = 'organization.updated' AND target_id = @Id",
            new { Id = id }));
    }

    [Fact]
    public async Task Organizations_InvalidBody_NamesEachField_ViewerCannotCreate_UnknownIs404()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        var (_, adminToken) = await Admins.CreateAsync(service.Services);
        var (_, viewerToken) = await Admins.CreateAsync(service.Services, AdminRoles.Viewer);
        using var admin = Admins.Client(service, adminToken);
        using var viewer = Admins.Client(service, viewerToken);

        using var invalid = await admin.PostAsJsonAsync("/api/admin/organizations", new { name = "", slug = "No", planTier = "gold" });
        using var asViewer = await viewer.PostAsJsonAsync("/api/admin/organizations", new { name = "X", slug = Unique.Slug() });
        using var unknown = await admin.GetAsync("/api/admin/organizations/does-not-exist");
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("slug", out _) && errors.TryGetProperty("planTier", out _));
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Organizations_SlugWithEdgeHyphenDoubleHyphenOrReservedWord_Is400NamingSlug(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var (_, token) = await Admins.CreateAsync(service.Services);
        using var admin = Admins.Client(service, token);

        foreach (var slug in new[] { "-acme", "acme-", "ac--me", "admin", "api", "public", "health", "metrics", "console", "docs", "openapi", "connect", "oauth" })
        {
            using var created = await admin.PostAsJsonAsync("/api/admin/organizations", new { name = "Acme", slug });
            var problem = await created.Content.ReadFromJsonAsync<JsonElement>();

            Assert.True(created.StatusCode == HttpStatusCode.BadRequest, $"{slug}: {created.StatusCode}");
            Assert.False(problem.GetProperty("success").GetBoolean());
            Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("slug", out _), slug);
        }
    }

    [Fact]
    public async Task Organizations_RenameToReservedSlug_Is400NamingSlug()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        var (_, token) = await Admins.CreateAsync(service.Services);
        using var admin = Admins.Client(service, token);
        using var created = await admin.PostAsJsonAsync("/api/admin/organizations", new { name = "Initech", slug = Unique.Slug("ren") });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("organizationId").GetString();

        using var renamed = await admin.PutAsJsonAsync($"/api/admin/organizations/{id}", new { slug = "oauth" });

        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        var errors = (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("'oauth' is reserved", errors.GetProperty("slug")[0].GetString());
    }
}
