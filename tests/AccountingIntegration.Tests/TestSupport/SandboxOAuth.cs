using System.Net;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.AspNetCore.WebUtilities;
using QboSandbox;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>Drives the local QBO sandbox's OAuth pages the way a browser would, for tests.</summary>
internal static class SandboxOAuth
{
    public static readonly Uri TestRedirectUri = new("http://127.0.0.1:9/api/v1/oauth/callback");

    /// <summary>Service settings that point every QBO endpoint at the sandbox.</summary>
    public static QboOptions OptionsFor(QboSandboxServer sandbox, Uri? redirectUri = null) => new()
    {
        Environment = QboEnvironment.Local,
        ClientId = SandboxOptions.DefaultClientId,
        ClientSecret = SandboxOptions.DefaultClientSecret,
        RedirectUri = redirectUri ?? TestRedirectUri,
        AuthorizeUrl = new Uri(sandbox.BaseUrl, "connect/oauth2"),
        TokenUrl = new Uri(sandbox.BaseUrl, "oauth2/v1/tokens/bearer"),
        RevokeUrl = new Uri(sandbox.BaseUrl, "v2/oauth2/tokens/revoke"),
        UserInfoUrl = new Uri(sandbox.BaseUrl, "v1/openid_connect/userinfo"),
        ApiBaseUrl = sandbox.BaseUrl,
    };

    /// <summary>The same settings as service command-line arguments.</summary>
    public static Dictionary<string, string> SettingsFor(QboSandboxServer sandbox) => new()
    {
        ["QBO_ENVIRONMENT"] = "local",
        ["QBO_CLIENT_ID"] = SandboxOptions.DefaultClientId,
        ["QBO_CLIENT_SECRET"] = SandboxOptions.DefaultClientSecret,
        ["QBO_AUTH_URL"] = new Uri(sandbox.BaseUrl, "connect/oauth2").ToString(),
        ["QBO_TOKEN_URL"] = new Uri(sandbox.BaseUrl, "oauth2/v1/tokens/bearer").ToString(),
        ["QBO_REVOKE_URL"] = new Uri(sandbox.BaseUrl, "v2/oauth2/tokens/revoke").ToString(),
        ["QBO_USERINFO_URL"] = new Uri(sandbox.BaseUrl, "v1/openid_connect/userinfo").ToString(),
        ["QBO_API_BASE_URL"] = sandbox.BaseUrl.ToString(),
    };

    /// <summary>Opens an authorize URL on an auto-approving sandbox and returns the redirect's query.</summary>
    public static async Task<IDictionary<string, string>> FollowAuthorizeAsync(Uri authorizeUrl)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }
}
