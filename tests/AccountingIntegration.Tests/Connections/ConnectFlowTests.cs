using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Connections;

/// <summary>The OAuth connect flow end to end: a browser, the service on Kestrel, the sandbox, both databases.</summary>
public sealed class ConnectFlowTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Connect_WithApiKeyThroughConsentPage_StoresEncryptedTokensAndReportsConnected(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind), o => o.AutoApprove = false);
        var (organization, apiKey) = await world.CreateOrganizationAsync();

        var result = await world.ConnectAsync(organization, apiKey);

        Assert.Equal("true", result["connected"]);
        Assert.Equal(organization.Slug, result["org"]);
        var realmId = result["realmId"];
        using var client = world.ClientWithKey(apiKey);
        using var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/org/{organization.Slug}/status"));
        var data = status.RootElement.GetProperty("data");
        Assert.True(data.GetProperty("connected").GetBoolean());
        Assert.Equal(realmId, data.GetProperty("realmId").GetString());
        Assert.Equal("Sandbox Company_US_1", data.GetProperty("companyName").GetString());

        // Tokens are stored encrypted, never in clear.
        var row = await world.Service.Services.GetRequiredService<OAuthTokenStore>().GetActiveConnectionAsync(organization.OrganizationId, default);
        Assert.StartsWith("v1.", row!.AccessToken, StringComparison.Ordinal);
        Assert.StartsWith("v1.", row.RefreshToken, StringComparison.Ordinal);

        // The audit trail writes in batches, a moment after the response.
        var audit = await Eventually.GetAsync(() => world.Service.Services.GetRequiredService<AuditLogStore>()
            .ListAsync(new AuditFilter { OrganizationId = organization.OrganizationId, Action = "connection.connected" }, new PageRequest(), default),
            p => p.Items.Count > 0);
        Assert.Equal(realmId, Assert.Single(audit.Items).TargetId);
    }

    [Theory, BothDatabases]
    public async Task Connect_ThenProxyCustomers_ListsTheCompanysCustomers(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        await world.ConnectAsync(organization, apiKey);
        using var client = world.ClientWithKey(apiKey);

        using var customers = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/org/{organization.Slug}/qbo/customers?pageSize=2"));
        using var items = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/org/{organization.Slug}/proxy/data?type=item"));
        using var one = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/org/{organization.Slug}/proxy/data/Customer/1"));

        Assert.Equal(2, customers.RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal(4, customers.RootElement.GetProperty("pagination").GetProperty("total").GetInt64());
        Assert.Equal(2, customers.RootElement.GetProperty("pagination").GetProperty("totalPages").GetInt32());
        Assert.Contains(items.RootElement.GetProperty("data").EnumerateArray(), i => i.GetProperty("Name").GetString() == "Services");
        Assert.Equal("Amy's Bird Sanctuary", one.RootElement.GetProperty("data").GetProperty("DisplayName").GetString());
    }

    [Theory, BothDatabases]
    public async Task Connect_JsonClient_GetsTheAuthorizationUrlInsteadOfARedirect(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        using var client = world.ClientWithKey(apiKey);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        using var body = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/connect/{organization.Slug}"));
        var url = new Uri(body.RootElement.GetProperty("data").GetProperty("authorizationUrl").GetString()!);
        var query = ConnectWorld.Query(url);

        Assert.Equal("/connect/oauth2", url.AbsolutePath);
        Assert.Equal("com.intuit.quickbooks.accounting", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(new Uri(world.Service.BaseAddress, "/api/v1/oauth/callback").ToString(), query["redirect_uri"]);
    }

    [Theory, BothDatabases]
    public async Task Connect_WithoutCredentials_IsRefused(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await world.CreateOrganizationAsync();

        using var response = await world.Service.Client.GetAsync($"/api/v1/connect/{organization.Slug}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("API_KEY_REQUIRED", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory, BothDatabases]
    public async Task Connect_WithAnotherOrganizationsKey_Answers404(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (target, _) = await world.CreateOrganizationAsync();
        var (_, otherKey) = await world.CreateOrganizationAsync();
        using var client = world.ClientWithKey(otherKey);

        using var connect = await client.GetAsync($"/api/v1/connect/{target.Slug}");
        using var status = await client.GetAsync($"/api/v1/org/{target.Slug}/status");

        Assert.Equal(HttpStatusCode.NotFound, connect.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal("ORG_NOT_FOUND", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory, BothDatabases]
    public async Task Connect_WithUnknownKey_Answers401(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await world.CreateOrganizationAsync();
        using var client = world.ClientWithKey(SecretTokens.New(SecretTokens.ApiKeyPrefix));

        using var response = await client.GetAsync($"/api/v1/org/{organization.Slug}/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_API_KEY", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory, BothDatabases]
    public async Task Connect_AdminTokenAllowedViewerRefused(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await world.CreateOrganizationAsync();
        var (_, adminToken) = await Admins.CreateAsync(world.Service.Services, AdminRoles.Admin);
        var (_, viewerToken) = await Admins.CreateAsync(world.Service.Services, AdminRoles.Viewer);
        using var admin = Admins.Client(world.Service, adminToken);
        admin.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        using var viewer = Admins.Client(world.Service, viewerToken);

        using var asAdmin = await admin.GetAsync($"/api/v1/connect/{organization.Slug}");
        using var asViewer = await viewer.GetAsync($"/api/v1/connect/{organization.Slug}");
        using var viewerStatus = await viewer.GetAsync($"/api/v1/org/{organization.Slug}/status");

        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viewerStatus.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task ConnectToken_OpenedTwice_ConnectsOnceThenIsRefused(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, _) = await world.CreateOrganizationAsync();
        var token = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
        await world.Service.Services.GetRequiredService<ConnectTokenStore>()
            .CreateAsync(organization.OrganizationId, SecretTokens.Hash(token), DateTime.UtcNow.AddDays(7), "ops", default);
        using var browser = new Browser(ConnectWorld.FrontendUrl);

        var first = ConnectWorld.Query(await browser.NavigateAsync(new Uri(world.Service.BaseAddress, $"/api/v1/connect/token/{token}")));
        var second = ConnectWorld.Query(await browser.NavigateAsync(new Uri(world.Service.BaseAddress, $"/api/v1/connect/token/{token}")));

        Assert.Equal("true", first["connected"]);
        Assert.Equal("false", second["connected"]);
        Assert.Equal("connect_token_invalid", second["error"]);
        var stored = await world.Service.Services.GetRequiredService<ConnectTokenStore>().GetByHashAsync(SecretTokens.Hash(token), default);
        Assert.NotNull(stored!.UsedAt);
    }

    [Theory, BothDatabases]
    public async Task Callback_ConsentRefused_RedirectsWithAccessDenied(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind), o => o.AutoApprove = false);
        var (organization, apiKey) = await world.CreateOrganizationAsync();

        var result = await world.ConnectAsync(organization, apiKey, decision: "deny");

        Assert.Equal("false", result["connected"]);
        Assert.Equal("access_denied", result["error"]);
        Assert.Null(await world.Service.Services.GetRequiredService<OAuthTokenStore>().GetActiveConnectionAsync(organization.OrganizationId, default));
    }

    [Theory]
    [InlineData("garbage", "invalid_state")]
    [InlineData("eyJPIjoib3JnIn0.c2lnbmF0dXJl", "invalid_state")]
    public async Task Callback_BadState_RedirectsWithError(string state, string expected)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        using var browser = new Browser(ConnectWorld.FrontendUrl);

        var result = ConnectWorld.Query(await browser.NavigateAsync(
            new Uri(world.Service.BaseAddress, $"/api/v1/oauth/callback?code=abc&realmId=1&state={Uri.EscapeDataString(state)}")));

        Assert.Equal(expected, result["error"]);
    }

    [Theory, BothDatabases]
    public async Task Callback_ReplayedState_IsRefusedTheSecondTime(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        using var browser = new Browser(ConnectWorld.FrontendUrl);
        await browser.NavigateAsync(new Uri(world.Service.BaseAddress, $"/api/v1/connect/{organization.Slug}"), new Dictionary<string, string> { ["X-API-Key"] = apiKey });
        var callback = browser.Visited.Single(u => u.AbsolutePath == "/api/v1/oauth/callback");

        using var replayer = new Browser(ConnectWorld.FrontendUrl);
        var replay = ConnectWorld.Query(await replayer.NavigateAsync(callback));

        Assert.Equal("state_replayed", replay["error"]);
    }

    [Theory, BothDatabases]
    public async Task Callback_StateOlderThanTenMinutes_IsExpired(DatabaseKind kind)
    {
        var clock = TestClock.Create();
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind), o => o.AutoApprove = false,
            overrides: s => s.AddSingleton<TimeProvider>(clock));
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        using var client = world.ClientWithKey(apiKey);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        using var link = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/connect/{organization.Slug}"));
        var state = ConnectWorld.Query(new Uri(link.RootElement.GetProperty("data").GetProperty("authorizationUrl").GetString()!))["state"];
        clock.Advance(TimeSpan.FromMinutes(11));
        using var browser = new Browser(ConnectWorld.FrontendUrl);

        var result = ConnectWorld.Query(await browser.NavigateAsync(
            new Uri(world.Service.BaseAddress, $"/api/v1/oauth/callback?code=abc&realmId=1&state={Uri.EscapeDataString(state)}")));

        Assert.Equal("state_expired", result["error"]);
    }

    [Theory, BothDatabases]
    public async Task Callback_TokenExchangeFails_RedirectsWithExchangeError(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        using var control = new HttpClient { BaseAddress = world.Sandbox.BaseUrl };
        (await control.PostAsJsonAsync("/_sandbox/faults", new { path = "/oauth2/v1/tokens/bearer", status = 500, count = 1 })).EnsureSuccessStatusCode();

        var result = await world.ConnectAsync(organization, apiKey);

        Assert.Equal("token_exchange_failed", result["error"]);
    }

    [Theory, BothDatabases]
    public async Task Disconnect_RevokesAtIntuitAndMarksRevoked(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        await world.ConnectAsync(organization, apiKey);
        using var client = world.ClientWithKey(apiKey);
        var row = await world.Service.Services.GetRequiredService<OAuthTokenStore>().GetActiveConnectionAsync(organization.OrganizationId, default);
        var refreshToken = world.Service.Services.GetRequiredService<TokenProtection>().UnprotectRefresh(row!);

        using var disconnect = await client.PostAsync($"/api/v1/org/{organization.Slug}/disconnect", null);
        using var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/org/{organization.Slug}/status"));
        using var health = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/org/{organization.Slug}/health"));

        Assert.Equal(HttpStatusCode.OK, disconnect.StatusCode);
        Assert.False(status.RootElement.GetProperty("data").GetProperty("connected").GetBoolean());
        Assert.False(health.RootElement.GetProperty("data").GetProperty("healthy").GetBoolean());
        using var tokenClient = new HttpClient();
        var refreshed = await tokenClient.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(world.Sandbox.BaseUrl, "oauth2/v1/tokens/bearer"))
        {
            Headers = { Authorization = new("Basic", Convert.ToBase64String("local-sandbox-client:local-sandbox-secret"u8.ToArray())) },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }),
        });
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Health_Connected_ChecksQboLive(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        await world.ConnectAsync(organization, apiKey);
        using var client = world.ClientWithKey(apiKey);

        using var health = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/org/{organization.Slug}/health"));

        Assert.True(health.RootElement.GetProperty("data").GetProperty("healthy").GetBoolean());
        Assert.Equal("Sandbox Company_US_1", health.RootElement.GetProperty("data").GetProperty("companyName").GetString());
    }

    [Theory]
    [InlineData("/proxy/data?type=Employee", "PROXY_TYPE_NOT_ALLOWED", "type")]
    [InlineData("/proxy/data/Preferences/1", "PROXY_TYPE_NOT_ALLOWED", "type")]
    [InlineData("/proxy/data?type=Invoice&pageSize=5000", "VALIDATION_FAILED", "pageSize")]
    [InlineData("/qbo/items?page=0", "VALIDATION_FAILED", "page")]
    [InlineData("/proxy/data/Customer/1%20OR%201", "VALIDATION_FAILED", "id")]
    [InlineData("/proxy/reports/PayrollSummary", "PROXY_REPORT_NOT_ALLOWED", "name")]
    [InlineData("/proxy/reports/TrialBalance?minorversion=4", "VALIDATION_FAILED", "minorversion")]
    [InlineData("/proxy/reports/TrialBalance?start_date=2026-02-30", "VALIDATION_FAILED", "start_date")]
    [InlineData("/proxy/reports/CustomerBalance?customer=1%27%20OR%201", "VALIDATION_FAILED", "customer")]
    [InlineData("/proxy/reports/TrialBalance?date_macro=Today&date_macro=Yesterday", "VALIDATION_FAILED", "date_macro")]
    public async Task Proxy_BadRequest_IsRefusedWithTheFieldNamed(string path, string code, string field)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite));
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        await world.ConnectAsync(organization, apiKey);
        using var client = world.ClientWithKey(apiKey);

        using var response = await client.GetAsync($"/api/v1/org/{organization.Slug}{path}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory, BothDatabases]
    public async Task Proxy_NotConnected_Answers409(DatabaseKind kind)
    {
        await using var world = await ConnectWorld.StartAsync(await databases.GetAsync(kind));
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        using var client = world.ClientWithKey(apiKey);

        using var response = await client.GetAsync($"/api/v1/org/{organization.Slug}/qbo/customers");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("QBO_NOT_CONNECTED", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
