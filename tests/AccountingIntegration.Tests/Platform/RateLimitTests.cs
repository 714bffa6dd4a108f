using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Platform;

public sealed class RateLimitTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task TenantRoute_OverTheTiersLimit_Answers429WithRetryAfterAndProblem(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind),
            new Dictionary<string, string> { ["PLAN_FREE_REQUESTS_PER_MINUTE"] = "3", ["PLAN_PRO_REQUESTS_PER_MINUTE"] = "10" });
        var free = await Tenant.CreateAsync(service, "free");
        var pro = await Tenant.CreateAsync(service, "pro");
        using var freeClient = free.Client(service);
        using var proClient = pro.Client(service);

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await freeClient.GetAsync($"/api/v1/org/{free.Slug}/status");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await freeClient.GetAsync($"/api/v1/org/{free.Slug}/status");
        using var proStillAllowed = await proClient.GetAsync($"/api/v1/org/{pro.Slug}/status");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RATE_LIMITED", problem.GetProperty("code").GetString());
        Assert.False(problem.GetProperty("success").GetBoolean());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, proStillAllowed.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Webhook_SameKeyOverTheLimit_Answers429(DatabaseKind kind)
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(kind),
            new Dictionary<string, string> { ["PLAN_FREE_REQUESTS_PER_MINUTE"] = "2" });
        var free = await Tenant.CreateAsync(service, "free");
        using var client = free.Client(service);

        // Two calls on different routes share the key's budget; the webhook is the third.
        using var first = await client.GetAsync($"/api/v1/org/{free.Slug}/status");
        using var second = await client.GetAsync($"/api/v1/webhook/{free.Slug}/sources");
        using var third = await client.PostAsJsonAsync($"/api/v1/webhook/{free.Slug}", new { id = "evt_1" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Fact]
    public async Task Login_OverThePerIpLimit_Answers429()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            new Dictionary<string, string> { ["RATE_LIMIT_LOGIN_PER_MINUTE"] = "2" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await service.Client.PostAsJsonAsync("/api/admin/auth/login", new { email = "nobody@example.com", password = "not the password" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ConnectLink_OverThePublicPerIpLimit_Answers429()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            new Dictionary<string, string> { ["RATE_LIMIT_PUBLIC_PER_MINUTE"] = "2" });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = service.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/api/v1/connect/token/ct_not_a_real_token");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ConnectPages_ShareThePublicPerIpLimit_WithTheLinkCheck()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            new Dictionary<string, string> { ["RATE_LIMIT_PUBLIC_PER_MINUTE"] = "3" });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = service.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        foreach (var url in new[] { "/connect/ct_guess_1", "/reconnect/ct_guess_2", "/api/public/connect-tokens/ct_guess_3", "/connect/ct_guess_4" })
        {
            using var response = await client.GetAsync(url);
            statuses.Add(response.StatusCode);
        }

        using var landing = await client.GetAsync("/connected");

        // The pages answer an unusable link with their own explanation (200); the fourth guess is refused.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
    }

    [Fact]
    public async Task UnknownApiKey_OverThePublicPerIpLimit_Answers429()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            new Dictionary<string, string> { ["RATE_LIMIT_PUBLIC_PER_MINUTE"] = "2" });
        using var client = new HttpClient { BaseAddress = service.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", "ak_guessing");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/api/v1/org/someone/status");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task PublicRoute_Refused_RetryAfterIsTheTimeLeftInTheWindow()
    {
        var clock = TestClock.Create();
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            new Dictionary<string, string> { ["RATE_LIMIT_PUBLIC_PER_MINUTE"] = "2" }, s => s.AddSingleton<TimeProvider>(clock));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = service.BaseAddress };
        const string url = "/api/v1/connect/token/ct_not_a_real_token";

        (await client.GetAsync(url)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(15));
        (await client.GetAsync(url)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(25));
        using var early = await client.GetAsync(url);
        clock.Advance(TimeSpan.FromSeconds(15));
        using var later = await client.GetAsync(url);
        clock.Advance(TimeSpan.FromSeconds(5));
        using var nextWindow = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), early.Headers.RetryAfter?.Delta);
        Assert.Equal(20, (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.TooManyRequests, later.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), later.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Redirect, nextWindow.StatusCode);
    }

    [Fact]
    public async Task OAuthCallback_HasItsOwnPerIpBucket_PublicRoutesDoNotUseItUp()
    {
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            new Dictionary<string, string> { ["RATE_LIMIT_PUBLIC_PER_MINUTE"] = "2" });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = service.BaseAddress };
        const string publicUrl = "/api/v1/connect/token/ct_not_a_real_token";
        const string callbackUrl = "/api/v1/oauth/callback?state=forged&code=abc&realmId=1";

        var publicStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(publicUrl);
            publicStatuses.Add(response.StatusCode);
        }

        var callbackStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(callbackUrl);
            callbackStatuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, publicStatuses[2]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, callbackStatuses[..2]);
        Assert.Equal(HttpStatusCode.TooManyRequests, callbackStatuses[2]);
    }
}
