using System.Net;
using System.Text;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Security;

/// <summary>No logger, ours or the framework's, at any level, writes a credential from a path, a query or a header.</summary>
public sealed class SecretLoggingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Requests_CarryingSecrets_NeverWriteThemToAnyLog()
    {
        var capture = new LogCapture();
        await using var service = await TestService.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            new Dictionary<string, string> { ["LOG_LEVEL"] = "Trace" }, capture.Install);
        var connectToken = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
        var otherToken = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
        var mistypedToken = "mistyped" + Guid.NewGuid().ToString("N");
        var apiKey = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        var bearer = "eyJhbGciOiJIUzI1NiJ9.secret" + Guid.NewGuid().ToString("N");
        var oauthCode = "AB11" + Guid.NewGuid().ToString("N");
        var oauthState = "state" + Guid.NewGuid().ToString("N");
        var signature = "sig" + Guid.NewGuid().ToString("N");
        var cookie = "cookie" + Guid.NewGuid().ToString("N");
        // Connect links answer with redirects to pages this test does not serve.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = service.BaseAddress };

        await SendAsync(HttpMethod.Get, $"/api/public/connect-tokens/{connectToken}");
        await SendAsync(HttpMethod.Get, $"/API/PUBLIC/CONNECT-TOKENS/{otherToken}");
        await SendAsync(HttpMethod.Get, $"/api/v1/connect/token/{connectToken}");
        await SendAsync(HttpMethod.Get, $"/api/v1/connect/token/{mistypedToken}");
        await SendAsync(HttpMethod.Get, $"/api/v1/oauth/callback?code={oauthCode}&state={oauthState}&realmId=123");
        await SendAsync(HttpMethod.Get, "/api/v1/org/nobody/status", ("X-API-Key", apiKey));
        await SendAsync(HttpMethod.Get, "/api/admin/payloads", ("Authorization", "Bearer " + bearer), ("Cookie", "session=" + cookie));
        await SendAsync(HttpMethod.Post, "/api/v1/webhook/nobody", ("Stripe-Signature", $"t=1,v1={signature}"),
            ("X-Shopify-Hmac-Sha256", signature), ("X-Webhook-Signature", $"t=1,v1={signature}"), ("X-API-Key", apiKey));
        await service.DisposeAsync();

        var log = string.Join("\n", capture.Lines);
        // The capture really saw the framework's request lines and scopes, paths included.
        Assert.Contains("Request starting", log);
        Assert.Contains("/api/public/connect-tokens/" + LogRedaction.Mask, log);
        Assert.Contains("RequestPath=", log);
        foreach (var secret in new[] { connectToken, otherToken, mistypedToken, apiKey, bearer, oauthCode, oauthState, signature, cookie })
        {
            Assert.DoesNotContain(secret, log);
        }

        async Task SendAsync(HttpMethod method, string path, params (string Name, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }
    }
}
