using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.OAuth;

public sealed class IdTokenTests
{
    [Fact]
    public async Task ExchangeCode_OpenIdScope_ReturnsRs256IdTokenVerifiableWithJwks()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync("com.intuit.quickbooks.accounting openid"));
        var parts = tokens["id_token"]!.GetValue<string>().Split('.');
        var jwks = JsonNode.Parse(await sandbox.Http.GetStringAsync("op/v1/jwks"))!["keys"]![0]!;

        var header = JsonNode.Parse(FromBase64Url(parts[0]))!;
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = FromBase64Url(jwks["n"]!.GetValue<string>()),
            Exponent = FromBase64Url(jwks["e"]!.GetValue<string>()),
        });
        var valid = rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        Assert.True(valid);
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal(jwks["kid"]!.GetValue<string>(), header["kid"]!.GetValue<string>());
        Assert.Equal("https://oauth.platform.intuit.com/op/v1", claims["iss"]!.GetValue<string>());
        Assert.Equal(TestSandbox.ClientId, claims["aud"]![0]!.GetValue<string>());
        Assert.Equal(TestSandbox.DemoRealm, claims["realmid"]!.GetValue<string>());
        Assert.Equal(TestSandbox.Start.ToUnixTimeSeconds() + 3600, claims["exp"]!.GetValue<long>());
        Assert.Equal(await UserInfoSubAsync(sandbox, tokens["access_token"]!.GetValue<string>()), claims["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_OpenIdScope_ReturnsNoIdToken()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync("com.intuit.quickbooks.accounting openid"));

        using var refreshed = await sandbox.RefreshAsync(tokens["refresh_token"]!.GetValue<string>());

        Assert.False((await TestSandbox.JsonAsync(refreshed)).ContainsKey("id_token"));
    }

    private static async Task<string> UserInfoSubAsync(TestSandbox sandbox, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/openid_connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await sandbox.Http.SendAsync(request);
        return (await TestSandbox.JsonAsync(response))["sub"]!.GetValue<string>();
    }

    private static byte[] FromBase64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
