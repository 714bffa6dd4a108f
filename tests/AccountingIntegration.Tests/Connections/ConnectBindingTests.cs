using System.Net;
using System.Text.Json;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Connections;

/// <summary>
/// The OAuth state only completes in the browser that started the flow: one organization's unused
/// state plus a code from another tenant's consent must not connect the first to the second's company.
/// </summary>
public sealed class ConnectBindingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Callback_InABrowserWithoutTheCookie_IsRefusedAndStoresNothing(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (victim, victimKey) = await world.CreateOrganizationAsync();
        var (attacker, attackerKey) = await world.CreateOrganizationAsync();
        using var victimClient = JsonClient(world, victimKey, new CookieContainer());
        var attackerCookies = new CookieContainer();
        using var attackerClient = JsonClient(world, attackerKey, attackerCookies);
        var victimLink = await AuthorizeUrlAsync(victimClient, victim.Slug);
        await AuthorizeUrlAsync(attackerClient, attacker.Slug); // the attacker's browser holds a cookie of its own
        var consent = await SandboxOAuth.FollowAuthorizeAsync(victimLink);

        var withOtherCookie = await CallbackAsync(attackerClient, consent);
        using var noCookieClient = JsonClient(world, attackerKey, new CookieContainer());
        var withoutCookie = await CallbackAsync(noCookieClient, await SandboxOAuth.FollowAuthorizeAsync(await AuthorizeUrlAsync(victimClient, victim.Slug)));

        Assert.Equal("state_not_bound", withOtherCookie["error"]);
        Assert.Equal("state_not_bound", withoutCookie["error"]);
        var connections = world.Service.Services.GetRequiredService<OAuthTokenStore>();
        Assert.Null(await connections.GetActiveConnectionAsync(victim.OrganizationId, default));
        Assert.Null(await connections.GetActiveConnectionAsync(attacker.OrganizationId, default));
    }

    [Theory, BothDatabases]
    public async Task Callback_JsonStartedFlowInTheSameClient_Connects(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        var cookies = new CookieContainer();
        using var client = JsonClient(world, apiKey, cookies);
        var link = await AuthorizeUrlAsync(client, organization.Slug);
        var callback = new Uri(world.Service.BaseAddress, "/api/v1/oauth/callback");
        var cookie = Assert.Single(cookies.GetCookies(callback));
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/api/v1/oauth/callback", cookie.Path);

        var result = await CallbackAsync(client, await SandboxOAuth.FollowAuthorizeAsync(link));

        Assert.Equal("true", result["connected"]);
        Assert.Empty(cookies.GetCookies(callback)); // spent with the state
        Assert.NotNull(await world.Service.Services.GetRequiredService<OAuthTokenStore>().GetActiveConnectionAsync(organization.OrganizationId, default));
    }

    private static HttpClient JsonClient(ConnectWorld world, string apiKey, CookieContainer cookies)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = world.Service.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return client;
    }

    private static async Task<Uri> AuthorizeUrlAsync(HttpClient client, string slug)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/connect/{slug}"));
        return new Uri(body.RootElement.GetProperty("data").GetProperty("authorizationUrl").GetString()!);
    }

    private static async Task<IDictionary<string, string>> CallbackAsync(HttpClient client, IDictionary<string, string> consent)
    {
        var url = $"/api/v1/oauth/callback?code={Uri.EscapeDataString(consent["code"])}&state={Uri.EscapeDataString(consent["state"])}&realmId={consent["realmId"]}";
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return ConnectWorld.Query(response.Headers.Location!);
    }
}
