using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Platform;

public sealed class PlanTierTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Proxy_FreeOrganization_Answers403PlanTierRequiredWhileProPasses(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var free = await Tenant.CreateAsync(service, "free");
        var pro = await Tenant.CreateAsync(service, "pro");
        using var freeClient = free.Client(service);
        using var proClient = pro.Client(service);

        using var refused = await freeClient.GetAsync($"/api/v1/org/{free.Slug}/proxy/types");
        using var refusedData = await freeClient.GetAsync($"/api/v1/org/{free.Slug}/proxy/data?type=Customer");
        using var refusedReport = await freeClient.GetAsync($"/api/v1/org/{free.Slug}/proxy/reports/TrialBalance");
        using var allowed = await proClient.GetAsync($"/api/v1/org/{pro.Slug}/proxy/types");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedData.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedReport.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PLAN_TIER_REQUIRED", problem.GetProperty("code").GetString());
        Assert.Contains("pro plan", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Proxy_OtherOrganizationsKey_Answers404NotThePlanRefusal(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind));
        var free = await Tenant.CreateAsync(service, "free");
        var pro = await Tenant.CreateAsync(service, "pro");
        using var proClient = pro.Client(service);

        using var response = await proClient.GetAsync($"/api/v1/org/{free.Slug}/proxy/types");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task CreateSource_AtTheTiersMaximum_Answers403PlanTierRequired(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind),
            new Dictionary<string, string> { ["PLAN_STARTER_MAX_SOURCES"] = "2" });
        var starter = await Tenant.CreateAsync(service, "starter");
        using var client = starter.Client(service);

        using var first = await client.PostAsJsonAsync($"/api/v1/webhook/{starter.Slug}/sources", new { name = "Shop", sourceType = "shopify" });
        using var second = await client.PostAsJsonAsync($"/api/v1/webhook/{starter.Slug}/sources", new { name = "Billing", sourceType = "stripe" });
        using var third = await client.PostAsJsonAsync($"/api/v1/webhook/{starter.Slug}/sources", new { name = "Extra", sourceType = "generic" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PLAN_TIER_REQUIRED", problem.GetProperty("code").GetString());
        Assert.Contains("pro plan", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }
}
