using System.Text.Json.Nodes;
using QboSandbox.Http;

namespace QboSandbox.OAuth;

/// <summary>Token endpoint bodies with snake_case names exactly as REFERENCE §1.6 shows.</summary>
internal static class OAuthResponses
{
    public static RawJsonResult Error(string error, int? status = null) => RawJsonResult.Qbo(
        status ?? (error == OAuthErrors.InvalidClient ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest),
        new JsonObject { ["error"] = error });

    public static RawJsonResult Tokens(IssuedTokens tokens, bool includeHardExpiry)
    {
        var body = new JsonObject
        {
            ["token_type"] = "bearer",
            ["access_token"] = tokens.AccessToken,
            ["expires_in"] = tokens.ExpiresIn,
            ["refresh_token"] = tokens.RefreshToken,
            ["x_refresh_token_expires_in"] = tokens.RefreshExpiresIn,
        };

        if (tokens.IdToken is not null)
        {
            body["id_token"] = tokens.IdToken;
        }

        // Only when the client sends x-include-refresh-token-hard-expires-in: true (REFERENCE §1.5).
        if (includeHardExpiry)
        {
            body["x_refresh_token_hard_expires_in"] = tokens.RefreshHardExpiresIn;
        }

        return RawJsonResult.Qbo(StatusCodes.Status200OK, body);
    }
}
