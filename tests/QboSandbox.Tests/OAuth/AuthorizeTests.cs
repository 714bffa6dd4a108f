using System.Net;
using System.Text.RegularExpressions;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.OAuth;

public sealed class AuthorizeTests
{
    [Fact]
    public async Task Authorize_AutoApprove_RedirectsWithCodeStateAndRealm()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.Http.GetAsync(TestSandbox.AuthorizePath(state: "abc"));

        var callback = TestSandbox.Callback(response);
        Assert.Equal("abc", callback["state"]);
        Assert.Equal(TestSandbox.DemoRealm, callback["realmId"]);
        Assert.InRange(callback["code"].Length, 20, 512);
        Assert.True(response.Headers.Contains("intuit_tid"));
    }

    [Fact]
    public async Task Authorize_ConsentApproved_RedirectsForChosenCompany()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.AutoApprove = false);
        var second = sandbox.State.CreateCompany("Second Co");

        var page = await sandbox.Http.GetStringAsync(TestSandbox.AuthorizePath());
        Assert.Contains("Sandbox Company_US_1", page, StringComparison.Ordinal);
        Assert.Contains("Second Co", page, StringComparison.Ordinal);
        using var approved = await SubmitConsentAsync(sandbox, page, "approve", second);

        var callback = TestSandbox.Callback(approved);
        Assert.Equal(second, callback["realmId"]);
        Assert.Equal("st-1", callback["state"]);
        var tokens = await sandbox.ExchangeAsync(callback["code"]);
        Assert.NotNull(tokens["access_token"]);
    }

    /// <summary>Two tenants connected by hand each get a company of their own, as real clients do, instead of sharing one.</summary>
    [Fact]
    public async Task Authorize_ConsentForANewCompany_CreatesItAndConnectsIt()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.AutoApprove = false);
        var page = await sandbox.Http.GetStringAsync(TestSandbox.AuthorizePath());
        Assert.Contains("A new company named", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"CA\">Canada</option>", page, StringComparison.Ordinal);

        using var approved = await SubmitConsentAsync(sandbox, page, "approve", "new", "Globex Books");

        var realmId = TestSandbox.Callback(approved)["realmId"];
        Assert.NotEqual(TestSandbox.DemoRealm, realmId);
        Assert.Equal("Globex Books", sandbox.State.Companies.Find(realmId)!.CompanyName);
        var tokens = await sandbox.ExchangeAsync(TestSandbox.Callback(approved)["code"]);
        Assert.NotNull(tokens["access_token"]);
    }

    [Theory]
    [InlineData("CA", "CAD")]
    [InlineData("GB", "GBP")]
    [InlineData("", "USD")]
    [InlineData("FR", "USD")]
    public async Task Authorize_ConsentForANewCompanyInACountry_KeepsItsBooksThere(string country, string currency)
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.AutoApprove = false);
        var page = await sandbox.Http.GetStringAsync(TestSandbox.AuthorizePath());

        using var approved = await SubmitConsentAsync(sandbox, page, "approve", "new", "Maple Books", country);

        var realmId = TestSandbox.Callback(approved)["realmId"];
        var preferences = sandbox.State.GetEntities(realmId, "Preferences").Single();
        Assert.Equal(currency, (string?)preferences["CurrencyPrefs"]!["HomeCurrency"]!["value"]);
    }

    [Fact]
    public async Task Authorize_ConsentDenied_RedirectsAccessDeniedWithState()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.AutoApprove = false);
        var page = await sandbox.Http.GetStringAsync(TestSandbox.AuthorizePath());

        using var denied = await SubmitConsentAsync(sandbox, page, "deny", TestSandbox.DemoRealm);

        var callback = TestSandbox.Callback(denied);
        Assert.Equal("access_denied", callback["error"]);
        Assert.Equal("st-1", callback["state"]);
        Assert.False(callback.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_ConsentTicketReused_ShowsErrorPage()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.AutoApprove = false);
        var page = await sandbox.Http.GetStringAsync(TestSandbox.AuthorizePath());
        using var first = await SubmitConsentAsync(sandbox, page, "approve", TestSandbox.DemoRealm);

        using var second = await SubmitConsentAsync(sandbox, page, "approve", TestSandbox.DemoRealm);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
    }

    [Fact]
    public async Task Authorize_UnknownClient_ShowsErrorWithoutRedirect()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.Http.GetAsync(TestSandbox.AuthorizePath(clientId: "nobody"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example.com/callback")]
    [InlineData("not a uri")]
    [InlineData("")]
    public async Task Authorize_UnregisteredRedirect_ShowsErrorWithoutRedirect(string redirectUri)
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.Http.GetAsync(TestSandbox.AuthorizePath(redirectUri: redirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Authorize_RegisteredNonLoopbackRedirect_IsAccepted()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.Apps[0].RedirectUris.Add("https://app.example.com/cb"));

        using var response = await sandbox.Http.GetAsync(TestSandbox.AuthorizePath(redirectUri: "https://app.example.com/cb"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://app.example.com/cb?code=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_ScopeWithoutAccounting_RedirectsInvalidScope()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.Http.GetAsync(TestSandbox.AuthorizePath(scope: "openid email"));

        Assert.Equal("invalid_scope", TestSandbox.Callback(response)["error"]);
    }

    [Fact]
    public async Task Authorize_WrongResponseType_RedirectsUnsupportedResponseType()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var path = TestSandbox.AuthorizePath().Replace("response_type=code", "response_type=token", StringComparison.Ordinal);

        using var response = await sandbox.Http.GetAsync(path);

        Assert.Equal("unsupported_response_type", TestSandbox.Callback(response)["error"]);
    }

    [Fact]
    public async Task Authorize_CompanyNameWithMarkup_IsHtmlEncoded()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.AutoApprove = false);
        sandbox.State.CreateCompany("<script>alert(1)</script>");

        var page = await sandbox.Http.GetStringAsync(TestSandbox.AuthorizePath());

        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SubmitConsentAsync(TestSandbox sandbox, string page, string decision, string realmId, string companyName = "",
        string companyCountry = "")
    {
        var ticket = Regex.Match(page, "name=\"ticket\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(ticket);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ticket"] = ticket,
            ["realmId"] = realmId,
            ["companyName"] = companyName,
            ["companyCountry"] = companyCountry,
            ["decision"] = decision,
        });
        return await sandbox.Http.PostAsync("connect/oauth2", form);
    }
}
