using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using QboSandbox;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// The webhook pipeline end to end: the local QBO sandbox, the service with its workers on real
/// Kestrel over a test database, an organization with an API key, a source and the built-in
/// templates. Retries are made fast so tests finish in seconds.
/// </summary>
internal sealed class PipelineWorld : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string> FastRetries = new Dictionary<string, string>
    {
        ["WEBHOOK_RETRY_BASE_SECONDS"] = "1",
        ["WEBHOOK_RETRY_MAX_SECONDS"] = "2",
        ["WORKER_CONCURRENCY"] = "4",
    };

    private readonly TestDatabase _database;
    private readonly Dictionary<string, string> _settings;

    private PipelineWorld(ConnectWorld connect, Organization organization, string apiKey, WebhookSource source, TestDatabase database, Dictionary<string, string> settings)
    {
        _database = database;
        _settings = settings;
        Connect = connect;
        Organization = organization;
        ApiKey = apiKey;
        Source = source;
        Client = connect.ClientWithKey(apiKey);
        Control = new HttpClient { BaseAddress = connect.Sandbox.BaseUrl };
    }

    public ConnectWorld Connect { get; }

    public Organization Organization { get; }

    public string ApiKey { get; }

    public WebhookSource Source { get; }

    /// <summary>A client that sends the organization's API key.</summary>
    public HttpClient Client { get; }

    /// <summary>The sandbox's control API.</summary>
    public HttpClient Control { get; }

    public string Slug => Organization.Slug;

    public IServiceProvider Services => Connect.Service.Services;

    public static async Task<PipelineWorld> StartAsync(TestDatabase database, string sourceType = "shopify", bool connect = true,
        Action<SandboxOptions>? sandbox = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var merged = new Dictionary<string, string>(FastRetries);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        var world = await ConnectWorld.StartAsync(database, sandbox, merged);
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        await world.Service.Services.GetRequiredService<TemplateInstaller>().InstallAsync(default);
        var source = await world.Service.Services.GetRequiredService<WebhookStore>()
            .CreateSourceAsync(organization.OrganizationId, "main", sourceType, "none", null, null, true, default);
        if (connect)
        {
            await world.ConnectAsync(organization, apiKey);
        }

        return new PipelineWorld(world, organization, apiKey, source, database, merged);
    }

    public static string ShopifyOrder(long id = 450789469, string? name = null)
    {
        var order = JsonNode.Parse(File.ReadAllText(Fixtures.Path("shopify/order.rest-fixture.json")))!.AsObject();
        order["id"] = id;
        order["name"] = name ?? $"#{id % 100000}";
        order["order_number"] = id % 100000;
        return order.ToJsonString();
    }

    public async Task<HttpResponseMessage> SendAsync(string body, string? idempotencyKey = null, int? wait = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook/{Slug}" + (wait is null ? string.Empty : $"?wait={wait}"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Client.SendAsync(request);
    }

    public static async Task<JsonElement> DataAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");

    /// <summary>Polls the payload until it has one of the statuses, or fails after the deadline.</summary>
    public async Task<JsonElement> WaitForStatusAsync(string payloadId, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var payload = (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/org/{Slug}/payloads/{payloadId}")).GetProperty("data");
            if (statuses.Contains(payload.GetProperty("payload").GetProperty("status").GetString()))
            {
                return payload;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Payload {payloadId} is {payload.GetProperty("payload").GetProperty("status").GetString()}, not {string.Join("/", statuses)}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Another instance of the service on the same database and sandbox, as in a scaled-out deployment.</summary>
    public Task<TestService> StartHostAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var merged = new Dictionary<string, string>(SandboxOAuth.SettingsFor(Connect.Sandbox));
        foreach (var (key, value) in _settings.Concat(settings ?? new Dictionary<string, string>()))
        {
            merged[key] = value;
        }

        return TestService.StartAsync(_database, merged);
    }

    public async Task AddFaultAsync(object rule) => (await Control.PostAsJsonAsync("/_sandbox/faults", rule)).EnsureSuccessStatusCode();

    public IReadOnlyList<JsonObject> Invoices(string realmId) => Connect.Sandbox.State.GetEntities(realmId, "Invoice");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Control.Dispose();
        await Connect.DisposeAsync();
    }
}
