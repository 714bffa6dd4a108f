using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using QboSandbox.State;

namespace QboSandbox.Tests.Support;

/// <summary>A sandbox on a free loopback port with a fake clock and a plain HttpClient that does not follow redirects.</summary>
internal sealed class TestSandbox : IAsyncDisposable
{
    public const string ClientId = SandboxOptions.DefaultClientId;
    public const string ClientSecret = SandboxOptions.DefaultClientSecret;
    public const string RedirectUri = "http://localhost:5000/callback";
    public const string AccountingScope = "com.intuit.quickbooks.accounting";

    // 2015-07-24T10:33:39-07:00, the moment of REFERENCE §3.2's sample.
    public static readonly DateTimeOffset Start = new(2015, 7, 24, 17, 33, 39, TimeSpan.Zero);

    private TestSandbox(QboSandboxServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = server.BaseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public QboSandboxServer Server { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public SandboxState State => Server.State;

    public static string DemoRealm => SandboxState.FirstRealmId;

    public static async Task<TestSandbox> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions { AutoApprove = true };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(Start);
        return new TestSandbox(await QboSandboxServer.StartAsync(options, time: time), time);
    }

    public static AuthenticationHeaderValue Basic(string id = ClientId, string secret = ClientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

    public static string AuthorizePath(string scope = AccountingScope, string redirectUri = RedirectUri, string clientId = ClientId, string state = "st-1") =>
        QueryHelpers.AddQueryString("connect/oauth2", new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["redirect_uri"] = redirectUri,
            ["state"] = state,
        });

    /// <summary>Query parameters of a redirect's Location.</summary>
    public static Dictionary<string, string> Callback(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri, location.ToString(), StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public async Task<string> AuthorizeCodeAsync(string scope = AccountingScope)
    {
        using var response = await Http.GetAsync(AuthorizePath(scope));
        return Callback(response)["code"];
    }

    public async Task<HttpResponseMessage> TokenRequestAsync(IDictionary<string, string> form, AuthenticationHeaderValue? auth = null, bool hardExpiry = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/tokens/bearer") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = auth ?? Basic();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (hardExpiry)
        {
            request.Headers.Add("x-include-refresh-token-hard-expires-in", "true");
        }

        return await Http.SendAsync(request);
    }

    public async Task<JsonObject> ExchangeAsync(string code)
    {
        using var response = await TokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public async Task<HttpResponseMessage> RefreshAsync(string refreshToken) => await TokenRequestAsync(new Dictionary<string, string>
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
    });

    /// <summary>Connects the default app through auto-approve and returns the access token.</summary>
    public async Task<string> ConnectAsync(string scope = AccountingScope) =>
        (await ExchangeAsync(await AuthorizeCodeAsync(scope)))["access_token"]!.GetValue<string>();

    public async Task<string> ConnectToAsync(string realmId)
    {
        State.Options.AutoApproveRealmId = realmId;
        try
        {
            return await ConnectAsync();
        }
        finally
        {
            State.Options.AutoApproveRealmId = null;
        }
    }

    public Task<HttpResponseMessage> ApiAsync(HttpMethod method, string token, string relative, string? json = null, string? realm = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, $"v3/company/{realm ?? DemoRealm}/{relative}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        }

        return SendAndDisposeRequestAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string token, string relative, string json, string? realm = null) =>
        ApiAsync(HttpMethod.Post, token, relative, json, realm);

    public Task<HttpResponseMessage> GetAsync(string token, string relative, string? realm = null) =>
        ApiAsync(HttpMethod.Get, token, relative, null, realm);

    public Task<HttpResponseMessage> QueryAsync(string token, string statement, string? realm = null) =>
        GetAsync(token, "query?query=" + Uri.EscapeDataString(statement), realm);

    /// <summary>Creates a company through the control API (settings as camelCase JSON) and returns its realm id and a token for it.</summary>
    public async Task<(string Realm, string Token)> CompanyAsync(string settingsJson, bool seedDemoData = true)
    {
        using var response = await ControlPostAsync("companies", $$"""{"seedDemoData":{{(seedDemoData ? "true" : "false")}},"settings":{{settingsJson}}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var realm = (await JsonAsync(response))["realmId"]!.GetValue<string>();
        return (realm, await ConnectToAsync(realm));
    }

    /// <summary>POSTs and returns the entity, asserting 200.</summary>
    public async Task<JsonObject> CreateAsync(string token, string entity, string json, string? realm = null)
    {
        using var response = await PostAsync(token, entity.ToLowerInvariant(), json, realm);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)![entity.Split('?')[0]]!.AsObject();
    }

    public async Task<JsonObject> ReadAsync(string token, string entity, string id, string? realm = null)
    {
        using var response = await GetAsync(token, $"{entity.ToLowerInvariant()}/{id}", realm);
        return (await JsonAsync(response))[entity]!.AsObject();
    }

    public async Task<HttpResponseMessage> ControlPostAsync(string relative, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Http.PostAsync("_sandbox/" + relative, content);
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Asserts a QBO Fault body and returns its first error.</summary>
    public static async Task<JsonObject> FaultAsync(HttpResponseMessage response, HttpStatusCode status, string code, string type = "ValidationFault")
    {
        Assert.Equal(status, response.StatusCode);
        var body = await JsonAsync(response);
        var fault = body["Fault"]!.AsObject();
        Assert.Equal(type, fault["type"]!.GetValue<string>());
        var error = fault["Error"]![0]!.AsObject();
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.NotNull(error["Message"]);
        Assert.NotNull(error["Detail"]);
        Assert.NotNull(body["time"]);
        return error;
    }

    /// <summary>Polls a condition with a deadline (no fixed sleeps).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAndDisposeRequestAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await Http.SendAsync(request);
        }
    }
}
