using System.Net;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Infrastructure.Batching;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Platform;

public sealed class ApiUsageTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task TenantRequests_WithApiKey_RecordRouteTemplatesAndKeyIdNeverTheKey(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var tenant = await Tenant.CreateAsync(service, "pro");
        using var client = tenant.Client(service);

        using var status = await client.GetAsync($"/api/v1/org/{tenant.Slug}/status");
        using var missing = await client.GetAsync($"/api/v1/org/{tenant.Slug}/payloads/{Guid.NewGuid()}");
        using var health = await client.GetAsync("/api/health");
        await service.Services.GetRequiredService<BatchWriter<ApiUsageEntry>>().FlushAsync();

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var rows = (await service.Services.GetRequiredService<ApiUsageStore>().ListAsync(
            new UsageFilter { OrganizationId = tenant.Organization.OrganizationId }, new PageRequest(), default)).Items;
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(tenant.ApiKeyId, r.ApiKeyId));
        Assert.All(rows, r => Assert.Equal("GET", r.Method));
        Assert.Contains(rows, r => r is { Endpoint: "/api/v1/org/{slug}/status", StatusCode: 200 });
        Assert.Contains(rows, r => r is { Endpoint: "/api/v1/org/{slug}/payloads/{payloadId}", StatusCode: 404 });
        Assert.DoesNotContain(rows, r => r.ToString().Contains(tenant.ApiKey, StringComparison.Ordinal) || r.Endpoint.Contains(tenant.Slug, StringComparison.Ordinal));
    }

    [Theory, BothDatabases]
    public async Task AdminRequest_RefusedByTheTenantCheck_IsRecordedWithItsTemplateAndStatus(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var tenant = await Tenant.CreateAsync(service, "pro");
        var (_, token) = await Admins.CreateAsync(service.Services);
        using var admin = Admins.Client(service, token);

        using var read = await admin.GetAsync($"/api/v1/org/{tenant.Slug}/status");
        using var unknown = await service.Client.GetAsync($"/api/v1/org/{tenant.Slug}/status");
        await service.Services.GetRequiredService<BatchWriter<ApiUsageEntry>>().FlushAsync();

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var rows = (await service.Services.GetRequiredService<ApiUsageStore>().ListAsync(
            new UsageFilter { OrganizationId = tenant.Organization.OrganizationId }, new PageRequest(), default)).Items;
        var row = Assert.Single(rows);
        Assert.Null(row.ApiKeyId);
        Assert.Equal("/api/v1/org/{slug}/status", row.Endpoint);
        // The refused request has no organization yet, but it is still recorded under its template.
        var all = (await service.Services.GetRequiredService<ApiUsageStore>().ListAsync(new UsageFilter(), new PageRequest(1, 200), default)).Items;
        Assert.Contains(all, r => r is { Endpoint: "/api/v1/org/{slug}/status", StatusCode: 401, OrganizationId: null });
    }
}
