using QboSandbox.State;

namespace QboSandbox.OAuth;

/// <summary>POST /oauth2/v1/tokens/bearer: authorization_code and refresh_token grants (REFERENCE §1.5–1.8).</summary>
internal static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder root) =>
        root.MapPost("/oauth2/v1/tokens/bearer", IssueTokensAsync).WithName("QboOAuthToken");

    private static async Task<IResult> IssueTokensAsync(HttpContext http, SandboxState state)
    {
        // Tokens must never be cached by intermediaries.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType)
        {
            return ClientAuthentication.Authenticate(http.Request, state.Apps, null) is null
                ? OAuthResponses.Error(OAuthErrors.InvalidClient)
                : OAuthResponses.Error(OAuthErrors.InvalidRequest);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var app = ClientAuthentication.Authenticate(http.Request, state.Apps, form);
        if (app is null)
        {
            Log.ClientRejected(state.OAuthLogger);
            return OAuthResponses.Error(OAuthErrors.InvalidClient);
        }

        var grantType = form["grant_type"].ToString();
        TokenOutcome outcome;
        switch (grantType)
        {
            case "authorization_code":
                var code = form["code"].ToString();
                var redirectUri = form["redirect_uri"].ToString();
                if (code.Length == 0 || redirectUri.Length == 0)
                {
                    return OAuthResponses.Error(OAuthErrors.InvalidRequest);
                }

                outcome = state.OAuth.ExchangeCode(app.ClientId, code, redirectUri);
                break;
            case "refresh_token":
                var refreshToken = form["refresh_token"].ToString();
                if (refreshToken.Length == 0)
                {
                    return OAuthResponses.Error(OAuthErrors.InvalidRequest);
                }

                outcome = state.OAuth.Refresh(app.ClientId, refreshToken);
                break;
            case "":
                return OAuthResponses.Error(OAuthErrors.InvalidRequest);
            default:
                return OAuthResponses.Error(OAuthErrors.UnsupportedGrantType);
        }

        if (outcome.Tokens is null)
        {
            Log.GrantRejected(state.OAuthLogger, grantType, app.ClientId);
            return OAuthResponses.Error(outcome.Error!);
        }

        Log.TokensIssued(state.OAuthLogger, grantType, app.ClientId, outcome.Tokens.RealmId);
        var includeHard = string.Equals(http.Request.Headers["x-include-refresh-token-hard-expires-in"], "true", StringComparison.OrdinalIgnoreCase);
        return OAuthResponses.Tokens(outcome.Tokens, includeHard);
    }
}
