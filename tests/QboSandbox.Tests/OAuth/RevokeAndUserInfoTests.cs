using System.Net;
using System.Net.Http.Headers;
using System.Text;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.OAuth;

public sealed class RevokeAndUserInfoTests
{
    [Fact]
    public async Task Revoke_RefreshTokenAsJson_ThenRefreshIsInvalidGrantAndAccessTokenDies()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync());
        var refresh = tokens["refresh_token"]!.GetValue<string>();

        using var revoke = await RevokeAsync(sandbox, new StringContent($$"""{"token":"{{refresh}}"}""", Encoding.UTF8, "application/json"));
        using var refreshed = await sandbox.RefreshAsync(refresh);
        using var api = await sandbox.GetAsync(tokens["access_token"]!.GetValue<string>(), "companyinfo/" + TestSandbox.DemoRealm);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.True(revoke.Headers.Contains("intuit_tid"));
        await TokenEndpointTests.AssertErrorAsync(refreshed, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Revoke_AccessTokenAsForm_DisconnectsTheApp()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync());

        using var revoke = await RevokeAsync(sandbox, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = tokens["access_token"]!.GetValue<string>() }));
        using var refreshed = await sandbox.RefreshAsync(tokens["refresh_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await TokenEndpointTests.AssertErrorAsync(refreshed, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Revoke_WrongClientSecret_ReturnsInvalidClient()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync());

        using var revoke = await RevokeAsync(sandbox, new StringContent($$"""{"token":"{{tokens["refresh_token"]}}"}""", Encoding.UTF8, "application/json"), TestSandbox.Basic(secret: "nope"));
        using var refreshed = await sandbox.RefreshAsync(tokens["refresh_token"]!.GetValue<string>());

        await TokenEndpointTests.AssertErrorAsync(revoke, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task Revoke_MissingToken_ReturnsInvalidRequest()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var revoke = await RevokeAsync(sandbox, new StringContent("{}", Encoding.UTF8, "application/json"));

        await TokenEndpointTests.AssertErrorAsync(revoke, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task UserInfo_OpenIdEmailProfileScopes_ReturnsClaims()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync("com.intuit.quickbooks.accounting openid email profile");
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/openid_connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await sandbox.Http.SendAsync(request);

        var body = await TestSandbox.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(body["sub"]!.GetValue<string>()));
        Assert.True(body["emailVerified"]!.GetValue<bool>());
        Assert.NotNull(body["email"]);
        Assert.NotNull(body["givenName"]);
        Assert.Null(body["phoneNumber"]);
    }

    [Fact]
    public async Task UserInfo_WithoutOpenIdScope_Returns403()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/openid_connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task UserInfo_ExpiredToken_Returns401()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync("com.intuit.quickbooks.accounting openid");
        sandbox.Time.Advance(TimeSpan.FromHours(1));
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/openid_connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> RevokeAsync(TestSandbox sandbox, HttpContent content, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/oauth2/tokens/revoke") { Content = content };
        request.Headers.Authorization = auth ?? TestSandbox.Basic();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await sandbox.Http.SendAsync(request);
    }
}
