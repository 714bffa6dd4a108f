using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>
/// Connects an organization to the local QBO sandbox through the real flow, as a browser would:
/// the connect URL with the API key, then redirects (the sandbox auto-approves) until the front end.
/// </summary>
internal static class SandboxConnect
{
    public static readonly Uri FrontendUrl = new("http://127.0.0.1:9/connected");

    /// <summary>The service's settings for talking to <paramref name="sandbox"/> as its Intuit, listening on <paramref name="baseUrl"/>.</summary>
    public static Dictionary<string, string> ServiceSettings(QboSandbox.QboSandboxServer sandbox, string baseUrl) => new()
    {
        ["QBO_ENVIRONMENT"] = "local",
        ["QBO_CLIENT_ID"] = QboSandbox.SandboxOptions.DefaultClientId,
        ["QBO_CLIENT_SECRET"] = QboSandbox.SandboxOptions.DefaultClientSecret,
        ["QBO_AUTH_URL"] = new Uri(sandbox.BaseUrl, "connect/oauth2").ToString(),
        ["QBO_TOKEN_URL"] = new Uri(sandbox.BaseUrl, "oauth2/v1/tokens/bearer").ToString(),
        ["QBO_REVOKE_URL"] = new Uri(sandbox.BaseUrl, "v2/oauth2/tokens/revoke").ToString(),
        ["QBO_USERINFO_URL"] = new Uri(sandbox.BaseUrl, "v1/openid_connect/userinfo").ToString(),
        ["QBO_API_BASE_URL"] = sandbox.BaseUrl.ToString(),
        ["API_BASE_URL"] = baseUrl,
        ["FRONTEND_URL"] = FrontendUrl.ToString(),
    };

    public static async Task ConnectAsync(Uri serviceBase, string slug, string apiKey)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, UseProxy = false });
        var url = new Uri(serviceBase, $"/api/v1/connect/{slug}");
        var first = true;
        for (var hop = 0; hop < 10; hop++)
        {
            if (url.ToString().StartsWith(FrontendUrl.ToString(), StringComparison.Ordinal))
            {
                var query = QueryHelpers.ParseQuery(url.Query);
                if (query.TryGetValue("connected", out var connected) && connected == "true")
                {
                    return;
                }

                throw new InvalidOperationException($"The connect flow ended without a connection: {url}");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (first)
            {
                request.Headers.Add("X-API-Key", apiKey);
                request.Headers.Add("Accept", "text/html");
                first = false;
            }

            using var response = await client.SendAsync(request);
            url = response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect
                ? new Uri(url, response.Headers.Location!)
                : throw new InvalidOperationException($"Unexpected {(int)response.StatusCode} from {url}: {await response.Content.ReadAsStringAsync()}");
        }

        throw new InvalidOperationException("Too many redirects in the connect flow.");
    }
}
