using System.Net;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.Platform;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Admin;

/// <summary>
/// The viewer role is read-only everywhere. The writes are enumerated from the served OpenAPI document,
/// not listed here, so a write route added later is called too and must refuse a viewer.
/// </summary>
public sealed class ViewerReadOnlyTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    /// <summary>The writes a viewer may make: their own session and password, and the preview, which stores nothing.</summary>
    private static readonly HashSet<string> ViewerMayCall =
    [
        "POST /api/admin/auth/login",
        "POST /api/admin/auth/logout",
        "POST /api/admin/auth/change-password",
        "POST /api/admin/mappings/preview",
    ];

    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    [Theory, BothDatabases]
    public async Task EveryWriteInTheServedDocument_ViewerToken_Is403AdminRoleRequired(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var tenant = await Tenant.CreateAsync(service, "pro");
        var source = await service.Services.GetRequiredService<WebhookStore>().CreateSourceAsync(
            tenant.Organization.OrganizationId, "main", "generic", "none", null, null, true, default);
        var values = new Dictionary<string, string>
        {
            ["slug"] = tenant.Slug,
            ["id"] = tenant.Organization.OrganizationId,
            ["sourceId"] = source.SourceId,
            ["keyId"] = tenant.ApiKeyId,
        };
        var (_, viewerToken) = await Admins.CreateAsync(service.Services, AdminRoles.Viewer);
        using var viewer = Admins.Client(service, viewerToken);
        var writes = await WritesAsync(service);

        var refused = writes.Where(w => !ViewerMayCall.Contains(w.Name)).ToList();
        foreach (var (name, method, path) in refused)
        {
            using var response = await SendAsync(viewer, method, Fill(path, values));
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.False(problem.GetProperty("success").GetBoolean());
            Assert.True(problem.GetProperty("code").GetString() == "ADMIN_ROLE_REQUIRED", $"{name}: {text}");
        }

        // Not vacuous: the tenant routes that once let a viewer through are among the writes called.
        Assert.Contains(refused, w => w.Name == "POST /api/v1/webhook/{slug}/sources");
        Assert.Contains(refused, w => w.Name == "POST /api/v1/org/{slug}/payloads/{payloadId}/replay");
        Assert.Contains(refused, w => w.Name == "DELETE /api/admin/organizations/{id}");
        // The exceptions name routes that exist, and a viewer reaches them (logout last: it ends the token).
        Assert.Equal(ViewerMayCall.Order(StringComparer.Ordinal), writes.Select(w => w.Name).Where(ViewerMayCall.Contains).Order(StringComparer.Ordinal));
        foreach (var path in new[] { "/api/admin/mappings/preview", "/api/admin/auth/change-password", "/api/admin/auth/logout" })
        {
            using var response = await SendAsync(viewer, HttpMethod.Post, path);
            Assert.True(response.StatusCode != HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Theory, BothDatabases]
    public async Task TenantWrite_AdminTokenStillWrites_ViewerTokenRefused(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var tenant = await Tenant.CreateAsync(service, "pro");
        var (_, adminToken) = await Admins.CreateAsync(service.Services);
        var (_, viewerToken) = await Admins.CreateAsync(service.Services, AdminRoles.Viewer);
        using var admin = Admins.Client(service, adminToken);
        using var viewer = Admins.Client(service, viewerToken);
        var path = $"/api/v1/webhook/{tenant.Slug}/sources";

        using var asViewer = await SendAsync(viewer, HttpMethod.Post, path, """{"name":"by-viewer","sourceType":"generic"}""");
        using var asAdmin = await SendAsync(admin, HttpMethod.Post, path, """{"name":"by-admin","sourceType":"generic"}""");
        using var listed = await viewer.GetAsync(path);
        var names = (await listed.Content.ReadAsStringAsync()) ?? string.Empty;

        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains("by-admin", names, StringComparison.Ordinal);
        Assert.DoesNotContain("by-viewer", names, StringComparison.Ordinal);
    }

    private static async Task<List<(string Name, HttpMethod Method, string Path)>> WritesAsync(TestService service) =>
        [.. (await ServedOperation.ReadAsync(service.Client))
            .Where(o => WriteMethods.Contains(o.Method, StringComparer.OrdinalIgnoreCase))
            .Select(o => (o.Name, new HttpMethod(o.Method), o.Path))];

    /// <summary>Real values for the organization, its source and key; any other parameter gets a dummy.</summary>
    private static string Fill(string path, Dictionary<string, string> values) =>
        ServedOperation.Fill(path, name => Uri.EscapeDataString(values.GetValueOrDefault(name, "dummy-" + name)));

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string body = "{}") =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
}
