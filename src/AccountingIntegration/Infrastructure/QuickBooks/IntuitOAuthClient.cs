using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// Intuit's OAuth 2.0 endpoints (REFERENCE §1): the authorize URL, code exchange, refresh and
/// revoke, with the client authenticated by HTTP Basic. No automatic retries: a code is single
/// use, and a refresh is coordinated by the token manager.
/// </summary>
internal sealed class IntuitOAuthClient(HttpClient http, QboOptions options, ServiceMetrics metrics)
{
    public const string AccountingScope = "com.intuit.quickbooks.accounting";

    public Uri BuildAuthorizeUrl(string state)
    {
        var query = string.Join('&',
            Pair("client_id", options.ClientId),
            Pair("response_type", "code"),
            Pair("scope", AccountingScope),
            Pair("redirect_uri", options.RedirectUri.ToString()),
            Pair("state", state));
        return new UriBuilder(options.AuthorizeUrl) { Query = query }.Uri;
    }

    public Task<IntuitTokenResponse> ExchangeCodeAsync(string code, CancellationToken cancellationToken) =>
        RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = options.RedirectUri.ToString(),
        }, cancellationToken);

    public async Task<IntuitTokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            var refreshed = await RequestTokenAsync(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
            }, cancellationToken);
            metrics.TokenRefresh("succeeded");
            return refreshed;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // invalid_grant means a reconnect is needed; anything else is Intuit or the network failing for now.
            metrics.TokenRefresh(e is IntuitOAuthException { IsInvalidGrant: true } ? "invalid_grant" : "failed");
            throw;
        }
    }

    /// <summary>Revokes a refresh (or access) token; revoking the refresh token ends the whole connection.</summary>
    public async Task RevokeAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.RevokeUrl)
        {
            Content = JsonContent.Create(new { token }),
        };
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken);
        }
    }

    private async Task<IntuitTokenResponse> RequestTokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken);
        }

        var token = await response.Content.ReadFromJsonAsync<IntuitTokenResponse>(cancellationToken);
        return token ?? throw new IntuitOAuthException((int)response.StatusCode, "empty_response", TidOf(response));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Intuit wants the client in the Basic header only; client_id in the body too gets invalid_client (REFERENCE §1.8).
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new IntuitOAuthException(0, IntuitOAuthException.NetworkError, null, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IntuitOAuthException(0, IntuitOAuthException.NetworkError, null, e);
        }
    }

    private static async Task<IntuitOAuthException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = "http_" + (int)response.StatusCode;
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var value) && value.ValueKind == JsonValueKind.String)
            {
                error = value.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML gateway page, say): the status is all we report.
        }

        return new IntuitOAuthException((int)response.StatusCode, error, TidOf(response));
    }

    private static string? TidOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("intuit_tid", out var values) ? values.FirstOrDefault() : null;

    private static string Pair(string name, string value) => $"{name}={Uri.EscapeDataString(value)}";
}
