using System.Net;
using Microsoft.Extensions.Time.Testing;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Persistence;

/// <summary>SandboxOptions.StateFile keeps companies, entities, apps, tokens and requestids across a restart.</summary>
public sealed class StateFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "qbo-sandbox-state-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Restart_SameStateFile_KeepsCompaniesEntitiesTokensAndRequestIds()
    {
        var file = Path.Combine(_directory, "sandbox.json");
        var time = new FakeTimeProvider(TestSandbox.Start);
        string realm;
        string accessToken;
        string refreshToken;
        string invoiceId;
        string firstResponse;
        await using (var first = await QboSandboxServer.StartAsync(new SandboxOptions { AutoApprove = true, StateFile = file }, time: time))
        {
            using var http = new HttpClient { BaseAddress = first.BaseUrl };
            realm = first.State.CreateCompany("Saved Co", new State.CompanySettings { Country = "CA" }, seedDemoData: true);
            first.State.Options.AutoApproveRealmId = realm;
            var sandbox = await ConnectAsync(first);
            accessToken = sandbox.Access;
            refreshToken = sandbox.Refresh;
            using var created = await Post(http, accessToken, realm, "invoice?requestid=req-1",
                """{"CustomerRef":{"value":"1"},"GlobalTaxCalculation":"NotApplicable","Line":[{"DetailType":"SalesItemLineDetail","Amount":10,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""");
            firstResponse = await created.Content.ReadAsStringAsync();
            invoiceId = System.Text.Json.Nodes.JsonNode.Parse(firstResponse)!["Invoice"]!["Id"]!.GetValue<string>();
        }

        Assert.True(File.Exists(file));
        await using var second = await QboSandboxServer.StartAsync(new SandboxOptions { StateFile = file }, time: time);
        using var client = new HttpClient { BaseAddress = second.BaseUrl };

        // The same access token still works, the invoice is there, and the requestid replays the first response.
        using var read = await Get(client, accessToken, realm, $"invoice/{invoiceId}");
        using var replay = await Post(client, accessToken, realm, "invoice?requestid=req-1", "{}");
        using var next = await Post(client, accessToken, realm, "invoice",
            """{"CustomerRef":{"value":"1"},"GlobalTaxCalculation":"NotApplicable","Line":[{"DetailType":"SalesItemLineDetail","Amount":10,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""");
        using var refresh = await RefreshAsync(client, refreshToken);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(firstResponse, await replay.Content.ReadAsStringAsync());
        Assert.Equal((int.Parse(invoiceId, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await TestSandbox.JsonAsync(next))["Invoice"]!["Id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal("CA", second.State.GetCompanySettings(realm).Country);
        Assert.Contains(TestSandbox.DemoRealm, second.State.RealmIds);
        Assert.Equal("9341450000000003", second.State.CreateCompany("After restart"));
    }

    [Fact]
    public async Task ForgetRequestIds_RetryRunsAgain()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var first = await sandbox.PostAsync(token, "invoice?requestid=r-1", Invoices.Minimal);

        using var forget = await sandbox.ControlPostAsync("requestids/forget", "{}");
        using var second = await sandbox.PostAsync(token, "invoice?requestid=r-1", Invoices.Minimal);

        Assert.Contains("\"forgotten\":1", await forget.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1", (await TestSandbox.JsonAsync(first))["Invoice"]!["Id"]!.GetValue<string>());
        Assert.Equal("2", (await TestSandbox.JsonAsync(second))["Invoice"]!["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task RequestIdRetention_AfterItPasses_RetryRunsAgain()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.RequestIdRetention = TimeSpan.FromHours(1));
        var token = await sandbox.ConnectAsync();
        using var first = await sandbox.PostAsync(token, "invoice?requestid=r-2", Invoices.Minimal);
        using var within = await sandbox.PostAsync(token, "invoice?requestid=r-2", Invoices.Minimal);

        sandbox.Time.Advance(TimeSpan.FromMinutes(61));
        token = await sandbox.ConnectAsync();
        using var after = await sandbox.PostAsync(token, "invoice?requestid=r-2", Invoices.Minimal);

        Assert.Equal("1", (await TestSandbox.JsonAsync(within))["Invoice"]!["Id"]!.GetValue<string>());
        Assert.Equal("2", (await TestSandbox.JsonAsync(after))["Invoice"]!["Id"]!.GetValue<string>());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<(string Access, string Refresh)> ConnectAsync(QboSandboxServer server)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUrl };
        using var authorize = await http.GetAsync(TestSandbox.AuthorizePath());
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/tokens/bearer")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = TestSandbox.RedirectUri,
            }),
        };
        request.Headers.Authorization = TestSandbox.Basic();
        using var response = await http.SendAsync(request);
        var body = await TestSandbox.JsonAsync(response);
        return (body["access_token"]!.GetValue<string>(), body["refresh_token"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> RefreshAsync(HttpClient http, string refreshToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/tokens/bearer")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }),
        };
        request.Headers.Authorization = TestSandbox.Basic();
        return await http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, string token, string realm, string relative, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/company/{realm}/{relative}")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string token, string realm, string relative)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v3/company/{realm}/{relative}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
