using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace AccountingIntegration.Benchmarks.Sandbox;

/// <summary>An access token from an auto-approving sandbox: authorize, then exchange the code, as any OAuth client does.</summary>
internal static class SandboxToken
{
    private const string ClientId = "local-sandbox-client";
    private const string ClientSecret = "local-sandbox-secret";
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    public static async Task<string> AccessTokenAsync(HttpClient http, Uri sandbox)
    {
        var authorize = QueryHelpers.AddQueryString(new Uri(sandbox, "connect/oauth2").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["scope"] = "com.intuit.quickbooks.accounting",
            ["redirect_uri"] = RedirectUri,
            ["state"] = "bench",
        });
        using var consent = await http.GetAsync(authorize);
        var code = QueryHelpers.ParseQuery(consent.Headers.Location!.Query)["code"].ToString();
        using var exchange = new HttpRequestMessage(HttpMethod.Post, new Uri(sandbox, "oauth2/v1/tokens/bearer"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = RedirectUri,
            }),
        };
        exchange.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));
        using var tokens = await http.SendAsync(exchange);
        tokens.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await tokens.Content.ReadAsStringAsync())!["access_token"]!;
    }
}
