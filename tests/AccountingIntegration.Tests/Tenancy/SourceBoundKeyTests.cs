using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Tenancy;

/// <summary>A key bound to a source sends to that source and reads that source's payloads, nothing more.</summary>
public sealed class SourceBoundKeyTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly Dictionary<string, string> NoWorkers = new() { ["WORKER_CONCURRENCY"] = "0" };

    [Theory, BothDatabases]
    public async Task Ingest_BoundKey_SendsToItsSourceOnly(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind), NoWorkers);
        var world = await WorldAsync(service);

        using var toDefault = await SendAsync(service, world.BoundKey, $"/api/v1/webhook/{world.Slug}", "order-1");
        using var toOwn = await SendAsync(service, world.BoundKey, $"/api/v1/webhook/{world.Slug}/{world.Bound.SourceId}", "order-2");
        using var toOther = await SendAsync(service, world.BoundKey, $"/api/v1/webhook/{world.Slug}/{world.Other.SourceId}", "order-3");

        Assert.Equal(HttpStatusCode.Accepted, toDefault.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, toOwn.StatusCode);
        await AssertProblemAsync(toOther, HttpStatusCode.Forbidden, "SOURCE_NOT_ALLOWED");
        var stored = await service.Services.GetRequiredService<WebhookStore>()
            .ListPayloadsAsync(world.Organization.OrganizationId, new PayloadFilter(), new Infrastructure.Data.PageRequest(), default);
        // The path without a source goes to the key's source, not the organization's default one.
        Assert.Equal(2, stored.Total);
        Assert.All(stored.Items, p => Assert.Equal(world.Bound.SourceId, p.SourceId));
    }

    [Theory, BothDatabases]
    public async Task Payloads_BoundKey_ListsAndReadsOnlyItsSource(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind), NoWorkers);
        var world = await WorldAsync(service);
        var own = await PayloadIdAsync(service, world.OrganizationKey, $"/api/v1/webhook/{world.Slug}/{world.Bound.SourceId}", "own-1");
        var other = await PayloadIdAsync(service, world.OrganizationKey, $"/api/v1/webhook/{world.Slug}/{world.Other.SourceId}", "other-1");
        using var bound = Client(service, world.BoundKey);
        using var organization = Client(service, world.OrganizationKey);

        var list = await DataOfListAsync(bound, $"/api/v1/org/{world.Slug}/payloads");
        var askedForOther = await DataOfListAsync(bound, $"/api/v1/org/{world.Slug}/payloads?sourceId={world.Other.SourceId}");
        var askedForOwn = await DataOfListAsync(bound, $"/api/v1/org/{world.Slug}/payloads?sourceId={world.Bound.SourceId}");
        var everything = await DataOfListAsync(organization, $"/api/v1/org/{world.Slug}/payloads");
        using var ownDetail = await bound.GetAsync($"/api/v1/org/{world.Slug}/payloads/{own}");
        using var otherDetail = await bound.GetAsync($"/api/v1/org/{world.Slug}/payloads/{other}");
        using var otherForOrganization = await organization.GetAsync($"/api/v1/org/{world.Slug}/payloads/{other}");

        Assert.Equal([own], list);
        Assert.Empty(askedForOther);
        Assert.Equal([own], askedForOwn);
        Assert.Equal(new[] { own, other }.Order(StringComparer.Ordinal), everything.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, ownDetail.StatusCode);
        await AssertProblemAsync(otherDetail, HttpStatusCode.NotFound, "PAYLOAD_NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, otherForOrganization.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task OtherRoutes_BoundKey_Answer403KeyScopeForbiddenAndChangeNothing(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind), NoWorkers);
        var world = await WorldAsync(service);
        var own = await PayloadIdAsync(service, world.OrganizationKey, $"/api/v1/webhook/{world.Slug}/{world.Bound.SourceId}", "own-1");
        using var bound = Client(service, world.BoundKey);
        var org = $"/api/v1/org/{world.Slug}";
        var refused = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Get, $"{org}/status"),
            (HttpMethod.Get, $"{org}/health"),
            (HttpMethod.Post, $"{org}/disconnect"),
            (HttpMethod.Post, $"{org}/payloads/{own}/replay"),
            (HttpMethod.Get, $"{org}/qbo/customers"),
            (HttpMethod.Get, $"{org}/proxy/types"),
            (HttpMethod.Get, $"{org}/books/settings"),
            (HttpMethod.Put, $"{org}/books/settings"),
            (HttpMethod.Get, $"/api/v1/webhook/{world.Slug}/sources"),
            (HttpMethod.Post, $"/api/v1/webhook/{world.Slug}/sources"),
            (HttpMethod.Get, $"/api/v1/connect/{world.Slug}"),
        };

        foreach (var (method, path) in refused)
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : JsonContent.Create(new { name = "x", sourceType = "generic" }) };
            using var response = await bound.SendAsync(request);
            await AssertProblemAsync(response, HttpStatusCode.Forbidden, "KEY_SCOPE_FORBIDDEN", $"{method} {path}");
        }

        // The organization's own key still opens them, so the refusal is the binding's.
        using var organization = Client(service, world.OrganizationKey);
        using var sources = await organization.GetAsync($"/api/v1/webhook/{world.Slug}/sources");
        Assert.Equal(HttpStatusCode.OK, sources.StatusCode);
        Assert.Equal(2, (await sources.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetArrayLength());
        using var admin = await bound.GetAsync($"/api/admin/organizations/{world.Organization.OrganizationId}");
        Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task AnotherOrganization_BoundKey_AnswersAsUnknownOrganization(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind), NoWorkers);
        var world = await WorldAsync(service);
        var stranger = await WorldAsync(service);
        using var bound = Client(service, world.BoundKey);

        // Not 403: the scope check comes after the organization's, so another tenant's existence does not show.
        using var status = await bound.GetAsync($"/api/v1/org/{stranger.Slug}/status");
        using var payloads = await bound.GetAsync($"/api/v1/org/{stranger.Slug}/payloads");
        using var ingest = await SendAsync(service, world.BoundKey, $"/api/v1/webhook/{stranger.Slug}", "order-1");

        await AssertProblemAsync(status, HttpStatusCode.NotFound, "ORG_NOT_FOUND");
        await AssertProblemAsync(payloads, HttpStatusCode.NotFound, "ORG_NOT_FOUND");
        await AssertProblemAsync(ingest, HttpStatusCode.NotFound, "ORG_NOT_FOUND");
    }

    [Fact]
    public async Task OpenApi_NamesKeyScopeForbidden_OnTenantRoutesClosedToBoundKeys()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));

        using var document = JsonDocument.Parse(await service.Client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        Assert.Contains("KEY_SCOPE_FORBIDDEN", Responses("/api/v1/org/{slug}/status", "get"), StringComparison.Ordinal);
        Assert.Contains("KEY_SCOPE_FORBIDDEN", Responses("/api/v1/org/{slug}/payloads/{payloadId}/replay", "post"), StringComparison.Ordinal);
        Assert.DoesNotContain("KEY_SCOPE_FORBIDDEN", Responses("/api/v1/org/{slug}/payloads", "get"), StringComparison.Ordinal);
        Assert.DoesNotContain("KEY_SCOPE_FORBIDDEN", Responses("/api/v1/org/{slug}/payloads/{payloadId}", "get"), StringComparison.Ordinal);
        Assert.DoesNotContain("KEY_SCOPE_FORBIDDEN", Responses("/api/admin/organizations", "get"), StringComparison.Ordinal);
        var create = paths.GetProperty("/api/admin/organizations/{id}/api-keys").GetProperty("post").GetProperty("description").GetString();
        Assert.Contains("KEY_SCOPE_FORBIDDEN", create, StringComparison.Ordinal);
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Contains("KEY_SCOPE_FORBIDDEN", scheme.GetProperty("description").GetString(), StringComparison.Ordinal);

        string Responses(string path, string method) => paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetRawText();
    }

    internal sealed record World(Organization Organization, string OrganizationKey, WebhookSource Bound, WebhookSource Other, string BoundKey)
    {
        public string Slug => Organization.Slug;
    }

    /// <summary>An organization with a default source, a second source, its organization-wide key and a key bound to the second source.</summary>
    internal static async Task<World> WorldAsync(TestService service)
    {
        var organization = await service.Services.GetRequiredService<OrganizationStore>().CreateAsync("Scoped", Unique.Slug(), "pro", null, default);
        var webhooks = service.Services.GetRequiredService<WebhookStore>();
        var other = await webhooks.CreateSourceAsync(organization.OrganizationId, "default", "generic", "none", null, null, true, default);
        var bound = await webhooks.CreateSourceAsync(organization.OrganizationId, "shop", "generic", "none", null, null, false, default);
        return new World(organization, await KeyAsync(service, organization.OrganizationId, null), bound, other,
            await KeyAsync(service, organization.OrganizationId, bound.SourceId));
    }

    internal static async Task<string> KeyAsync(TestService service, string organizationId, string? sourceId, DateTime? expiresAt = null)
    {
        var key = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        await service.Services.GetRequiredService<ApiKeyStore>().CreateAsync(
            organizationId, sourceId, sourceId is null ? "organization key" : "bound key", SecretTokens.DisplayPrefix(key), SecretTokens.Hash(key), expiresAt, default);
        return key;
    }

    private static HttpClient Client(TestService service, string key)
    {
        var client = new HttpClient { BaseAddress = service.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    private static async Task<HttpResponseMessage> SendAsync(TestService service, string key, string path, string eventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent($$"""{"id":"{{eventId}}"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", key);
        return await service.Client.SendAsync(request);
    }

    private static async Task<string> PayloadIdAsync(TestService service, string key, string path, string eventId)
    {
        using var response = await SendAsync(service, key, path, eventId);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("payloadId").GetString()!;
    }

    private static async Task<List<string>> DataOfListAsync(HttpClient client, string path)
    {
        var body = await client.GetFromJsonAsync<JsonElement>(path);
        return [.. body.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("payloadId").GetString()!)];
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? what = null)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(status == response.StatusCode, $"{what}: expected {status}, got {(int)response.StatusCode} {problem}");
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(problem.GetProperty("success").GetBoolean());
    }
}
