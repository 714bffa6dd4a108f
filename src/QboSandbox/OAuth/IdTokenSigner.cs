using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using QboSandbox.Http;

namespace QboSandbox.OAuth;

/// <summary>
/// Signs OpenID id_tokens with RS256 (REFERENCE §1.6: iss, aud array with the client id, exp, realmid,
/// sub; the key is selected by kid from the JWKS). One key pair per process, made on first use:
/// generating an RSA key per sandbox instance would slow every test start.
/// </summary>
internal sealed class IdTokenSigner
{
    public const string Issuer = "https://oauth.platform.intuit.com/op/v1";
    public const string SandboxUserId = "5b1f7c2e-3a44-4d2b-9c1e-000000000001";

    private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));

    private static RSA Rsa => Key.Value;

    public static string KeyId => "sbx-" + Convert.ToHexStringLower(SHA256.HashData(Rsa.ExportRSAPublicKey()))[..16];

    public string Create(string clientId, string realmId, DateTimeOffset now, TimeSpan lifetime)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId, ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["sub"] = SandboxUserId,
            ["aud"] = new JsonArray(clientId),
            ["realmid"] = realmId,
            ["auth_time"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
        };
        var signingInput = Base64Url(SandboxJson.ToBytes(header)) + "." + Base64Url(SandboxJson.ToBytes(payload));
        var signature = Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The public key as a JWK for /op/v1/jwks.</summary>
    public JsonObject PublicJwk()
    {
        var key = Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["e"] = Base64Url(key.Exponent!),
            ["n"] = Base64Url(key.Modulus!),
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
