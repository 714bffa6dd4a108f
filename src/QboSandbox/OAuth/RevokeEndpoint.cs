using System.Text.Json;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.OAuth;

/// <summary>
/// POST /v2/oauth2/tokens/revoke with JSON {"token":…} (Intuit clients) or form token=… (node-quickbooks).
/// Revoking either token disconnects the app: the refresh token and all its access tokens die (REFERENCE §1.9).
/// </summary>
internal static class RevokeEndpoint
{
    public static void MapRevokeEndpoint(this IEndpointRouteBuilder root) =>
        root.MapPost("/v2/oauth2/tokens/revoke", RevokeAsync).WithName("QboOAuthRevoke");

    private static async Task<IResult> RevokeAsync(HttpContext http, SandboxState state)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false) : null;
        var app = ClientAuthentication.Authenticate(http.Request, state.Apps, form);
        if (app is null)
        {
            return OAuthResponses.Error(OAuthErrors.InvalidClient);
        }

        var token = form?["token"].ToString() ?? await ReadJsonTokenAsync(http.Request).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
        {
            return OAuthResponses.Error(OAuthErrors.InvalidRequest);
        }

        // Unknown or foreign tokens still get 200, as RFC 7009 asks.
        if (state.OAuth.Revoke(app.ClientId, token))
        {
            Log.Revoked(state.OAuthLogger, app.ClientId);
        }

        return new RawJsonResult(StatusCodes.Status200OK, [], RawJsonResult.QboContentType);
    }

    private static async Task<string?> ReadJsonTokenAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String
                ? token.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
