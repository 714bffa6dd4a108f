using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.OAuth;

/// <summary>
/// The OpenID discovery document (REFERENCE §1.1) with every endpoint on this host, so clients that
/// discover their URLs find the sandbox. The key set holds the id_token signing key.
/// </summary>
internal static class DiscoveryEndpoint
{
    public static void MapDiscoveryEndpoint(this IEndpointRouteBuilder root)
    {
        root.MapGet("/.well-known/openid_sandbox_configuration", Discovery).WithName("QboOAuthDiscoverySandbox");
        root.MapGet("/.well-known/openid_configuration", Discovery).WithName("QboOAuthDiscovery");
        root.MapGet("/op/v1/jwks", Jwks).WithName("QboOAuthJwks");
    }

    private static IResult Jwks(SandboxState state) =>
        RawJsonResult.Qbo(StatusCodes.Status200OK, new JsonObject { ["keys"] = new JsonArray(state.IdTokens.PublicJwk()) });

    private static IResult Discovery(HttpRequest request)
    {
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return RawJsonResult.Qbo(StatusCodes.Status200OK, new JsonObject
        {
            ["issuer"] = IdTokenSigner.Issuer,
            ["authorization_endpoint"] = baseUrl + "/connect/oauth2",
            ["token_endpoint"] = baseUrl + "/oauth2/v1/tokens/bearer",
            ["userinfo_endpoint"] = baseUrl + "/v1/openid_connect/userinfo",
            ["revocation_endpoint"] = baseUrl + "/v2/oauth2/tokens/revoke",
            ["jwks_uri"] = baseUrl + "/op/v1/jwks",
            ["response_types_supported"] = new JsonArray("code"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["scopes_supported"] = new JsonArray("openid", "email", "profile", "address", "phone"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
            ["claims_supported"] = new JsonArray("aud", "exp", "iat", "iss", "realmid", "sub"),
        });
    }
}
