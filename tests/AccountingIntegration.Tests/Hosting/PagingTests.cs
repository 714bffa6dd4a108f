using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Proxy;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Hosting;

public sealed class PagingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task List_PageBeyondAnyOffsetOrBeyondInt_Is400NamingTheField(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var (_, token) = await Admins.CreateAsync(service.Services);
        using var admin = Admins.Client(service, token);

        await AssertRefusedAsync(admin, "/api/admin/organizations?page=2147483647&pageSize=100", "page");
        await AssertRefusedAsync(admin, "/api/admin/organizations?page=2147483647", "page");
        await AssertRefusedAsync(admin, "/api/admin/organizations?page=99999999999", "page");
        await AssertRefusedAsync(admin, "/api/admin/organizations?pageSize=99999999999", "pageSize");
        await AssertRefusedAsync(admin, "/api/admin/audit-logs?page=21474837&pageSize=200", "page");

        // The last page that still has an offset in range is an ordinary, empty page.
        using var far = await admin.GetAsync("/api/admin/organizations?page=10737418&pageSize=200");
        Assert.Equal(HttpStatusCode.OK, far.StatusCode);
        Assert.Equal(10737418, (await far.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pagination").GetProperty("page").GetInt32());
    }

    [Fact]
    public void ProxyPaging_StartPositionBeyondInt_IsRefusedNamingPage()
    {
        var refused = Assert.Throws<ApiException>(() => ProxyPaging.From(2147483647, 1000));

        Assert.Equal(400, refused.Status);
        Assert.True(refused.Errors!.ContainsKey("page"));
        Assert.Equal(2147482001, ProxyPaging.From(2147483, 1000).StartPosition);
    }

    private static async Task AssertRefusedAsync(HttpClient client, string url, string field)
    {
        using var response = await client.GetAsync(url);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {response.StatusCode}");
        Assert.False(problem.GetProperty("success").GetBoolean());
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{url}: {problem}");
    }
}
