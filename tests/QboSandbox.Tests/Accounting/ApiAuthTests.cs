using System.Net;
using System.Net.Http.Headers;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Accounting;

public sealed class ApiAuthTests
{
    [Fact]
    public async Task Api_NoToken_Returns401AuthenticationFault()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.Http.GetAsync($"v3/company/{TestSandbox.DemoRealm}/customer/1");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.Unauthorized, "100", "AuthenticationFault");
        Assert.Equal("General Authentication Error", error["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_TokenAfterOneHour_Returns401()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var fresh = await sandbox.GetAsync(token, "customer/1");
        sandbox.Time.Advance(TimeSpan.FromSeconds(3599));
        using var almost = await sandbox.GetAsync(token, "customer/1");
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));

        using var expired = await sandbox.GetAsync(token, "customer/1");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, almost.StatusCode);
        await TestSandbox.FaultAsync(expired, HttpStatusCode.Unauthorized, "100", "AuthenticationFault");
    }

    [Fact]
    public async Task Api_GatewayStyle_Returns401LowerCase3200Body()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.AuthFailureStyle = AuthFailureStyle.Gateway);

        using var response = await sandbox.GetAsync("garbage", "customer/1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await TestSandbox.JsonAsync(response);
        var error = body["fault"]!["error"]![0]!;
        Assert.Equal("3200", error["code"]!.GetValue<string>());
        Assert.Equal("message=AuthenticationFailed; errorCode=003200; statusCode=401", error["message"]!.GetValue<string>());
        Assert.Equal("AUTHENTICATION", body["fault"]!["type"]!.GetValue<string>());
        Assert.Equal(TestSandbox.Start.ToUnixTimeMilliseconds(), body["time"]!.GetValue<long>());
    }

    [Fact]
    public async Task Api_TokenOfAnotherRealm_Returns401Code120()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var other = sandbox.State.CreateCompany("Other");
        var token = await sandbox.ConnectToAsync(other);

        using var foreign = await sandbox.GetAsync(token, "customer/1");
        using var own = await sandbox.GetAsync(token, $"companyinfo/{other}", other);

        await TestSandbox.FaultAsync(foreign, HttpStatusCode.Unauthorized, "120", "AuthorizationFault");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Api_ControlExpiredRealmTokens_Returns401ButRefreshWorks()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync());
        using var expire = await sandbox.ControlPostAsync("tokens/expire", $$"""{"realmId":"{{TestSandbox.DemoRealm}}"}""");

        using var response = await sandbox.GetAsync(tokens["access_token"]!.GetValue<string>(), "customer/1");
        using var refreshed = await sandbox.RefreshAsync(tokens["refresh_token"]!.GetValue<string>());
        var newToken = (await TestSandbox.JsonAsync(refreshed))["access_token"]!.GetValue<string>();
        using var again = await sandbox.GetAsync(newToken, "customer/1");

        Assert.Equal(1, (await TestSandbox.JsonAsync(expire))["expiredAccessTokens"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Api_ControlRevokedTokens_Returns401AndRefreshInvalidGrant()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync());
        using var revoke = await sandbox.ControlPostAsync("tokens/revoke", "{}");

        using var response = await sandbox.GetAsync(tokens["access_token"]!.GetValue<string>(), "customer/1");
        using var refreshed = await sandbox.RefreshAsync(tokens["refresh_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
    }

    [Fact]
    public async Task Api_ControlExpireIncludingRefresh_RefreshIsInvalidGrant()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync());
        using var expire = await sandbox.ControlPostAsync("tokens/expire", """{"includeRefreshTokens":true}""");

        using var refreshed = await sandbox.RefreshAsync(tokens["refresh_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
    }

    [Fact]
    public async Task Api_MalformedAuthorizationHeader_Returns401()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v3/company/{TestSandbox.DemoRealm}/customer/1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "abc");

        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.Contains("intuit_tid"));
    }
}
