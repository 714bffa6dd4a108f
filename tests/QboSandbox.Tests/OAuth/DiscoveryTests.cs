using System.Text.Json.Nodes;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.OAuth;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Discovery_SandboxDocument_PointsEveryEndpointAtThisHost()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var doc = JsonNode.Parse(await sandbox.Http.GetStringAsync(".well-known/openid_sandbox_configuration"))!;
        var jwks = JsonNode.Parse(await sandbox.Http.GetStringAsync("op/v1/jwks"))!;

        var root = sandbox.Server.BaseUrl.ToString().TrimEnd('/');
        Assert.Equal(root + "/connect/oauth2", doc["authorization_endpoint"]!.GetValue<string>());
        Assert.Equal(root + "/oauth2/v1/tokens/bearer", doc["token_endpoint"]!.GetValue<string>());
        Assert.Equal(root + "/v2/oauth2/tokens/revoke", doc["revocation_endpoint"]!.GetValue<string>());
        Assert.Equal(root + "/v1/openid_connect/userinfo", doc["userinfo_endpoint"]!.GetValue<string>());
        Assert.Equal("https://oauth.platform.intuit.com/op/v1", doc["issuer"]!.GetValue<string>());
        Assert.Equal("RS256", Assert.Single(jwks["keys"]!.AsArray())!["alg"]!.GetValue<string>());
    }
}
