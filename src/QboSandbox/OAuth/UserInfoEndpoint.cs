using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.OAuth;

/// <summary>GET /v1/openid_connect/userinfo with a bearer token; fields per granted scope (REFERENCE §1.10).</summary>
internal static class UserInfoEndpoint
{
    public static void MapUserInfoEndpoint(this IEndpointRouteBuilder root) =>
        root.MapGet("/v1/openid_connect/userinfo", UserInfo).WithName("QboOAuthUserInfo");

    private static IResult UserInfo(HttpContext http, SandboxState state)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? state.OAuth.FindAccessToken(header["Bearer ".Length..].Trim())
            : null;
        if (token is null || !token.IsValid(state.Time.GetUtcNow()))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return OAuthResponses.Error("invalid_token", StatusCodes.Status401Unauthorized);
        }

        var scopes = token.Grant.Scope.Split(' ');
        if (!scopes.Contains("openid"))
        {
            return OAuthResponses.Error("insufficient_scope", StatusCodes.Status403Forbidden);
        }

        var body = new JsonObject { ["sub"] = IdTokenSigner.SandboxUserId };
        if (scopes.Contains("email"))
        {
            body["email"] = "sandbox.user@example.com";
            body["emailVerified"] = true;
        }

        if (scopes.Contains("profile"))
        {
            body["givenName"] = "Sandbox";
            body["familyName"] = "User";
        }

        if (scopes.Contains("phone"))
        {
            body["phoneNumber"] = "+1 5555550100";
            body["phoneNumberVerified"] = false;
        }

        if (scopes.Contains("address"))
        {
            body["address"] = new JsonObject
            {
                ["streetAddress"] = "2700 Coast Avenue",
                ["locality"] = "Mountain View",
                ["region"] = "CA",
                ["postalCode"] = "94043",
                ["country"] = "US",
            };
        }

        return RawJsonResult.Qbo(StatusCodes.Status200OK, body);
    }
}
