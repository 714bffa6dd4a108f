using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Hosting;

public sealed class CorsTests
{
    [Fact]
    public async Task Preflight_OnlyConfiguredOriginsAreAllowed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var service = await TestService.StartAsync(database, new Dictionary<string, string> { ["ALLOWED_ORIGINS"] = "https://app.example.com" });

        using var allowed = await service.Client.SendAsync(Preflight("https://app.example.com"));
        using var refused = await service.Client.SendAsync(Preflight("https://evil.example.net"));

        Assert.Equal("https://app.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/health");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        return request;
    }
}
