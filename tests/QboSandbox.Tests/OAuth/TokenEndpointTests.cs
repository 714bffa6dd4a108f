using System.Net;
using System.Net.Http.Headers;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.OAuth;

public sealed class TokenEndpointTests
{
    [Fact]
    public async Task ExchangeCode_ValidCode_ReturnsReferenceTokenShape()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync());

        Assert.Equal("bearer", tokens["token_type"]!.GetValue<string>());
        Assert.Equal(3600, tokens["expires_in"]!.GetValue<long>());
        Assert.Equal(8_726_400, tokens["x_refresh_token_expires_in"]!.GetValue<long>());
        Assert.StartsWith("AB11", tokens["refresh_token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(tokens["access_token"]!.GetValue<string>()));
        Assert.False(tokens.ContainsKey("x_refresh_token_hard_expires_in"));
        Assert.False(tokens.ContainsKey("id_token"));
    }

    [Fact]
    public async Task ExchangeCode_HardExpiryHeader_AddsHardExpiresIn()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var code = await sandbox.AuthorizeCodeAsync();

        using var response = await sandbox.TokenRequestAsync(Form("authorization_code", code), hardExpiry: true);

        var tokens = await TestSandbox.JsonAsync(response);
        Assert.Equal((long)TimeSpan.FromDays(5 * 365).TotalSeconds, tokens["x_refresh_token_hard_expires_in"]!.GetValue<long>());
    }

    [Fact]
    public async Task ExchangeCode_CodeReused_ReturnsInvalidGrant()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var code = await sandbox.AuthorizeCodeAsync();
        await sandbox.ExchangeAsync(code);

        using var second = await sandbox.TokenRequestAsync(Form("authorization_code", code));

        await AssertErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task ExchangeCode_DifferentRedirectUri_ReturnsInvalidGrant()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var code = await sandbox.AuthorizeCodeAsync();
        var form = Form("authorization_code", code);
        form["redirect_uri"] = "http://localhost:5000/other";

        using var response = await sandbox.TokenRequestAsync(form);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task ExchangeCode_AfterTenMinutes_ReturnsInvalidGrant()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var code = await sandbox.AuthorizeCodeAsync();
        sandbox.Time.Advance(TimeSpan.FromMinutes(10));

        using var response = await sandbox.TokenRequestAsync(Form("authorization_code", code));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task ExchangeCode_CodeOfAnotherClient_ReturnsInvalidGrant()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.Apps.Add(new SandboxOAuthApp { ClientId = "other", ClientSecret = "other-secret" }));
        var code = await sandbox.AuthorizeCodeAsync();

        using var response = await sandbox.TokenRequestAsync(Form("authorization_code", code), TestSandbox.Basic("other", "other-secret"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task TokenRequest_NoBasicAuth_ReturnsInvalidClient401()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var code = await sandbox.AuthorizeCodeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/tokens/bearer") { Content = new FormUrlEncodedContent(Form("authorization_code", code)) };

        using var response = await sandbox.Http.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Theory]
    [InlineData(TestSandbox.ClientId, "wrong")]
    [InlineData(TestSandbox.ClientId, TestSandbox.ClientSecret + " ")]
    [InlineData("unknown", TestSandbox.ClientSecret)]
    public async Task TokenRequest_WrongCredentials_ReturnsInvalidClient401(string clientId, string secret)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var code = await sandbox.AuthorizeCodeAsync();

        using var response = await sandbox.TokenRequestAsync(Form("authorization_code", code), TestSandbox.Basic(clientId, secret));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task TokenRequest_ClientIdInBodyWithBasic_ReturnsInvalidClient401()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var form = Form("authorization_code", await sandbox.AuthorizeCodeAsync());
        form["client_id"] = TestSandbox.ClientId;

        using var response = await sandbox.TokenRequestAsync(form);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task TokenRequest_UnknownGrantType_ReturnsUnsupportedGrantType()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.TokenRequestAsync(new Dictionary<string, string> { ["grant_type"] = "password" });

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Fact]
    public async Task TokenRequest_MissingCode_ReturnsInvalidRequest()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.TokenRequestAsync(new Dictionary<string, string> { ["grant_type"] = "authorization_code" });

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Refresh_InsideRotationWindow_ReturnsSameValueWithLessTimeLeft()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync());
        var refresh = tokens["refresh_token"]!.GetValue<string>();
        sandbox.Time.Advance(TimeSpan.FromSeconds(5015));

        using var response = await sandbox.RefreshAsync(refresh);

        var refreshed = await TestSandbox.JsonAsync(response);
        Assert.Equal(refresh, refreshed["refresh_token"]!.GetValue<string>());
        Assert.Equal(8_721_385, refreshed["x_refresh_token_expires_in"]!.GetValue<long>());
        Assert.NotEqual(tokens["access_token"]!.GetValue<string>(), refreshed["access_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_AfterRotationWindow_ReturnsNewValueAndOldOneDies()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var old = (await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync()))["refresh_token"]!.GetValue<string>();
        sandbox.Time.Advance(TimeSpan.FromHours(24));

        using var rotated = await sandbox.RefreshAsync(old);
        var body = await TestSandbox.JsonAsync(rotated);
        using var reused = await sandbox.RefreshAsync(old);

        Assert.NotEqual(old, body["refresh_token"]!.GetValue<string>());
        Assert.Equal(8_726_400, body["x_refresh_token_expires_in"]!.GetValue<long>());
        await AssertErrorAsync(reused, HttpStatusCode.BadRequest, "invalid_grant");
        using var latest = await sandbox.RefreshAsync(body["refresh_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
    }

    [Fact]
    public async Task Refresh_OldValueWithinConfiguredGrace_Succeeds()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.RotatedRefreshTokenGrace = TimeSpan.FromHours(24));
        var old = (await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync()))["refresh_token"]!.GetValue<string>();
        sandbox.Time.Advance(TimeSpan.FromHours(25));
        using var rotated = await sandbox.RefreshAsync(old);
        var latest = (await TestSandbox.JsonAsync(rotated))["refresh_token"]!.GetValue<string>();

        using var withinGrace = await sandbox.RefreshAsync(old);
        sandbox.Time.Advance(TimeSpan.FromHours(24));
        using var afterGrace = await sandbox.RefreshAsync(old);

        Assert.Equal(HttpStatusCode.OK, withinGrace.StatusCode);
        Assert.Equal(latest, (await TestSandbox.JsonAsync(withinGrace))["refresh_token"]!.GetValue<string>());
        await AssertErrorAsync(afterGrace, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_ExpiredRefreshToken_ReturnsInvalidGrant()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.RefreshTokenRotationInterval = TimeSpan.FromDays(200));
        var refresh = (await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync()))["refresh_token"]!.GetValue<string>();
        sandbox.Time.Advance(TimeSpan.FromSeconds(8_726_400));

        using var response = await sandbox.RefreshAsync(refresh);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Refresh_UnknownToken_ReturnsInvalidGrantWithIntuitTid()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.RefreshAsync("AB11-not-a-token");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Matches("^1-[0-9a-f]{8}-[0-9a-f]{24}$", response.Headers.GetValues("intuit_tid").Single());
    }

    [Fact]
    public async Task Refresh_ClientSecretPostWithoutBasic_Succeeds()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var refresh = (await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync()))["refresh_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/tokens/bearer")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refresh,
                ["client_id"] = TestSandbox.ClientId,
                ["client_secret"] = TestSandbox.ClientSecret,
            }),
        };

        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    internal static Dictionary<string, string> Form(string grantType, string code) => new()
    {
        ["grant_type"] = grantType,
        ["code"] = code,
        ["redirect_uri"] = TestSandbox.RedirectUri,
    };

    internal static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await TestSandbox.JsonAsync(response);
        Assert.Equal(error, body["error"]!.GetValue<string>());
        Assert.True(response.Headers.Contains("intuit_tid"));
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" }.MediaType, response.Content.Headers.ContentType!.MediaType);
    }
}
