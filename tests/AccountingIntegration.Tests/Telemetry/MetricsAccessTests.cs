using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Telemetry;

/// <summary>Who may scrape <c>/metrics</c>: anyone by default, only the token's bearer with METRICS_TOKEN, nobody with METRICS_ENABLED=false.</summary>
public sealed class MetricsAccessTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string Token = "scrape-token-0123456789";

    [Fact]
    public async Task WithAToken_OnlyItsBearerScrapes_OthersGetProblemJson()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite), new Dictionary<string, string> { ["METRICS_TOKEN"] = Token });

        using var anonymous = await service.Client.GetAsync("/metrics");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token + "x") } };
        using var wrongResponse = await service.Client.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        using var rightResponse = await service.Client.SendAsync(right);

        foreach (var refused in new[] { anonymous, wrongResponse })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("METRICS_TOKEN_REQUIRED", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, rightResponse.StatusCode);
        Assert.Contains("target_info", await rightResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByDefault_AnyoneScrapes_AndOnlyWithGet()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));

        var samples = await PrometheusText.ScrapeAsync(service.Client);
        using var post = await service.Client.PostAsync("/metrics", null);

        Assert.Contains(samples, s => s.Name == "ai_qbo_connections");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task Disabled_MetricsIsNotServed()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite), new Dictionary<string, string> { ["METRICS_ENABLED"] = "false" });

        using var response = await service.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
