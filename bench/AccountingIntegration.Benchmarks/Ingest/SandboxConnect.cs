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
