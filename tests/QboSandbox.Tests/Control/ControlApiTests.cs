using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Control;

public sealed class ControlApiTests
{
    [Fact]
    public async Task CreateCompany_WithEntities_ReturnsNextRealmAndStoredRows()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.ControlPostAsync("companies", """
            {"companyName":"Widgets Inc",
             "accounts":[{"Name":"Sales","AccountType":"Income"}],
             "items":[{"Name":"Widget","Type":"NonInventory","IncomeAccountRef":{"value":"1"}}],
             "customers":[{"DisplayName":"First Customer"},{"DisplayName":"Second Customer"}]}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await TestSandbox.JsonAsync(response);
        Assert.Equal("9341450000000002", body["realmId"]!.GetValue<string>());
        Assert.Equal("Widget", body["items"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal("2", body["customers"]![1]!["Id"]!.GetValue<string>());
        Assert.Equal(["9341450000000001", "9341450000000002"], sandbox.State.RealmIds);
    }

    [Fact]
    public async Task CreateCompany_InvalidSeedEntity_Returns400AndCreatesNothing()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.ControlPostAsync("companies", """{"customers":[{"DisplayName":"Dup"},{"DisplayName":"Dup"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("6240", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(sandbox.State.RealmIds);
    }

    [Fact]
    public async Task ListCompanies_AfterInvoice_ShowsCounts()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var invoice = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);

        var companies = await sandbox.Http.GetStringAsync("_sandbox/companies");
        var invoices = await sandbox.Http.GetStringAsync($"_sandbox/companies/{TestSandbox.DemoRealm}/invoices");
        var details = await sandbox.Http.GetStringAsync($"_sandbox/companies/{TestSandbox.DemoRealm}");

        Assert.Contains("\"invoices\":1", companies, StringComparison.Ordinal);
        Assert.Contains("\"customers\":4", companies, StringComparison.Ordinal);
        Assert.Contains("\"DocNumber\":\"1001\"", invoices, StringComparison.Ordinal);
        Assert.Contains("\"companyInfo\":{", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadCompany_Unknown_Returns404()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.Http.GetAsync("_sandbox/companies/123");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RegisterApp_NewCredentials_CanConnectWithRegisteredRedirect()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var register = await sandbox.ControlPostAsync("apps", """
            {"clientId":"svc","clientSecret":"svc-secret","redirectUris":["https://svc.example.com/cb"],"allowLoopbackRedirects":false}
            """);

        using var loopback = await sandbox.Http.GetAsync(TestSandbox.AuthorizePath(clientId: "svc"));
        using var authorize = await sandbox.Http.GetAsync(TestSandbox.AuthorizePath(clientId: "svc", redirectUri: "https://svc.example.com/cb"));
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/tokens/bearer")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = "https://svc.example.com/cb",
            }),
        };
        request.Headers.Authorization = TestSandbox.Basic("svc", "svc-secret");
        using var tokens = await sandbox.Http.SendAsync(request);
        var apps = await sandbox.Http.GetStringAsync("_sandbox/apps");

        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, loopback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        Assert.Contains("\"clientId\":\"svc\"", apps, StringComparison.Ordinal);
        Assert.DoesNotContain("svc-secret", apps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_AfterWrites_RestoresDemoCompanyAndForgetsTokens()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var invoice = await sandbox.PostAsync(token, "invoice", Invoices.Minimal);
        using var company = await sandbox.ControlPostAsync("companies", "{}");

        using var reset = await sandbox.ControlPostAsync("reset", "");
        using var api = await sandbox.GetAsync(token, "customer/1");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal([TestSandbox.DemoRealm], sandbox.State.RealmIds);
        Assert.Empty(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
        Assert.Equal(4, sandbox.State.GetEntities(TestSandbox.DemoRealm, "Customer").Count);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Stats_AfterTraffic_ReportsPerRealmCountsAndResets()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var a = await sandbox.GetAsync(token, "customer/1");
        using var b = await sandbox.GetAsync(token, "customer/2");

        var stats = await sandbox.Http.GetStringAsync("_sandbox/stats");
        using var reset = await sandbox.ControlPostAsync("stats/reset", "");
        var after = await sandbox.Http.GetStringAsync("_sandbox/stats");

        Assert.Contains("\"totalRequests\":2", stats, StringComparison.Ordinal);
        Assert.Contains("\"oAuthRequests\":2", stats, StringComparison.Ordinal);
        Assert.Contains($"\"realmId\":\"{TestSandbox.DemoRealm}\"", stats, StringComparison.Ordinal);
        Assert.Contains("\"maxConcurrency\":1", stats, StringComparison.Ordinal);
        Assert.Contains("\"totalRequests\":0", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchOptions_TurnsThrottlingOffAtRuntime()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.RequestsPerSecondPerRealm = 1);
        var token = await sandbox.ConnectAsync();
        using var first = await sandbox.GetAsync(token, "item/1");
        using var throttled = await sandbox.GetAsync(token, "item/1");
        using var content = new StringContent("""{"requestsPerSecondPerRealm":0,"authFailureStyle":"Gateway"}""", Encoding.UTF8, "application/json");

        using var patch = await sandbox.Http.PatchAsync("_sandbox/options", content);
        using var after = await sandbox.GetAsync(token, "item/1");

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Contains("\"authFailureStyle\":\"Gateway\"", await patch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task CreateEntity_ThroughControl_AppliesQboRules()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var created = await sandbox.ControlPostAsync($"companies/{TestSandbox.DemoRealm}/customers", """{"DisplayName":"Seeded"}""");
        using var duplicate = await sandbox.ControlPostAsync($"companies/{TestSandbox.DemoRealm}/customers", """{"DisplayName":"Seeded"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
    }

    [Fact]
    public async Task ListTokens_AfterConnect_ShowsConnectionWithoutValues()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var tokens = await sandbox.ExchangeAsync(await sandbox.AuthorizeCodeAsync());

        var list = await sandbox.Http.GetStringAsync("_sandbox/tokens");

        Assert.Contains($"\"realmId\":\"{TestSandbox.DemoRealm}\"", list, StringComparison.Ordinal);
        Assert.Contains("\"validAccessTokens\":1", list, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens["refresh_token"]!.GetValue<string>(), list, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens["access_token"]!.GetValue<string>(), list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlApi_InvalidJson_Returns400()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var content = new StringContent("{not json", Encoding.UTF8, "application/json");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await sandbox.Http.PostAsync("_sandbox/faults", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await response.Content.ReadFromJsonAsync<Dictionary<string, object>>());
    }
}
