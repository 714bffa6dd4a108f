using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.Extensions.Time.Testing;
using QboSandbox;
using QboSandbox.State;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// The webhook pipeline end to end: the local QBO sandbox, the service with its workers on real
/// Kestrel over a test database, an organization with an API key, a source and the built-in
/// templates. Service and sandbox share one fake clock, which the world moves while a test waits
/// (<see cref="TimePump"/>): back-off, QBO retry delays and leases pass without real waiting.
/// </summary>
internal sealed class PipelineWorld : IAsyncDisposable
{
    /// <summary>Short back-off in clock time, so a retried payload needs few pump ticks.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastRetries = new Dictionary<string, string>
    {
        ["WEBHOOK_RETRY_BASE_SECONDS"] = "1",
        ["WEBHOOK_RETRY_MAX_SECONDS"] = "2",
        ["WORKER_CONCURRENCY"] = "4",
        // The clock jumps hours at a time in some tests; the drift tests run their sweeps themselves.
        ["DRIFT_SWEEP_MINUTES"] = "0",
    };

    private readonly TestDatabase _database;
    private readonly List<QboRealmLimiter> _limiters = [];
    // Each host's outcomes, added with its limiter and under the same lock.
    private readonly List<PayloadOutcomes> _outcomes = [];
    private readonly Dictionary<string, string> _settings;

    private PipelineWorld(ConnectWorld connect, Organization organization, string apiKey, WebhookSource source, TestDatabase database, Dictionary<string, string> settings,
        FakeTimeProvider clock, string realmId)
    {
        RealmId = realmId;
        Clock = clock;
        // Idle when every QBO request in flight, from any host, is only waiting out latency the sandbox was told to inject,
        // and no host is reserving QBO budget: a grant's permits are dated when it is made and lapse soon after, so the
        // clock must not run ahead while the database answers.
        _limiters.Add(connect.Service.Services.GetRequiredService<QboRealmLimiter>());
        _outcomes.Add(connect.Service.Services.GetRequiredService<PayloadOutcomes>());
        Pump = new TimePump(clock, () => InFlight <= connect.Sandbox.State.RequestsWaitingOnLatency);
        // Resolved now: the signal outlives the host's container, which is gone once the host stops.
        Pump.OnTick(connect.Service.Services.GetRequiredService<WorkSignal>().Notify);
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

    /// <summary>The clock of the service and the sandbox.</summary>
    public FakeTimeProvider Clock { get; }

    public TimePump Pump { get; }

    public Organization Organization { get; }

    public string ApiKey { get; }

    public WebhookSource Source { get; }

    /// <summary>A client that sends the organization's API key.</summary>
    public HttpClient Client { get; }

    /// <summary>The sandbox's control API.</summary>
    public HttpClient Control { get; }

    public string Slug => Organization.Slug;

    /// <summary>The sandbox company the organization is connected to (the demo company unless the world was started with settings of its own).</summary>
    public string RealmId { get; }

    public IServiceProvider Services => Connect.Service.Services;

    /// <summary>
    /// Every world's sandbox names its first company alike, and the QBO budget each company draws from is shared through
    /// the database. A world before this one, on a fake clock of its own that ran ahead, left grants dated after this
    /// world's start: this world's clock would have to be moved past them before its first QBO call. A new sandbox is a
    /// new company, so its budget starts empty.
    /// </summary>
    private static async Task ForgetQboBudgetsAsync(TestDatabase database)
    {
        await using var connection = await database.Database.OpenAsync();
        foreach (var table in new[] { "qbo_realm_grants", "qbo_realm_holders" })
        {
            // A world over an unmigrated database (migrations off) has no budget to forget.
            if (await MissingAsync(connection, table))
            {
                continue;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {table}";
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<bool> MissingAsync(System.Data.Common.DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = connection is Microsoft.Data.Sqlite.SqliteConnection
            ? $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
            : $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{table}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    /// <summary>Starts the world; with <c>company</c>, the organization connects to a new sandbox company set up so (country, currency, tax).</summary>
    public static async Task<PipelineWorld> StartAsync(TestDatabase database, string sourceType = "shopify", bool connect = true,
        Action<SandboxOptions>? sandbox = null, IReadOnlyDictionary<string, string>? settings = null, CompanySettings? company = null,
        Action<IServiceCollection>? overrides = null)
    {
        var merged = new Dictionary<string, string>(FastRetries);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var world = await ConnectWorld.StartAsync(database, sandbox, merged, UseClock(clock) + overrides, clock);
        try
        {
            await ForgetQboBudgetsAsync(database);
            var (organization, apiKey) = await world.CreateOrganizationAsync();
            await world.Service.Services.GetRequiredService<TemplateInstaller>().InstallAsync(default);
            var source = await world.Service.Services.GetRequiredService<WebhookStore>()
                .CreateSourceAsync(organization.OrganizationId, "main", sourceType, "none", null, null, true, default);
            var realmId = SandboxState.FirstRealmId;
            if (company is not null)
            {
                realmId = world.Sandbox.State.CreateCompany("Books " + company.Country, company);
                world.Sandbox.State.Options.AutoApproveRealmId = realmId;
            }

            if (connect)
            {
                await world.ConnectAsync(organization, apiKey);
            }

            return new PipelineWorld(world, organization, apiKey, source, database, merged, clock, realmId);
        }
        catch
        {
            // A world that failed to set up must not leave its service, workers and sandbox running for the rest of the run.
            await world.DisposeAsync();
            throw;
        }
    }

    private static Action<IServiceCollection> UseClock(FakeTimeProvider clock) => services => services.AddSingleton<TimeProvider>(clock);

    public static string ShopifyOrder(long id = 450789469, string? name = null)
    {
        var order = JsonNode.Parse(File.ReadAllText(Fixtures.Path("shopify/order.rest-fixture.json")))!.AsObject();
        order["id"] = id;
        order["name"] = name ?? $"#{id % 100000}";
        order["order_number"] = id % 100000;
        return order.ToJsonString();
    }

    public async Task<HttpResponseMessage> SendAsync(string body, string? idempotencyKey = null, int? wait = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook/{Slug}" + (wait is null ? string.Empty : $"?wait={wait}"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        // Waiting for the outcome may mean waiting out retries: keep the clock moving meanwhile.
        return wait is null ? await Client.SendAsync(request) : await Pump.WhileAsync(Client.SendAsync(request));
    }

    public static async Task<JsonElement> DataAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");

    /// <summary>
    /// Reads the payload, moving the clock between reads, until it has one of the statuses and, unless that status is
    /// <c>processing</c>, no host's worker is still at it: an outcome commits before its attempt is over (the payloads it
    /// wakes, its metrics), and a test reading on from here sees all of it.
    /// </summary>
    public Task<JsonElement> WaitForStatusAsync(string payloadId, params string[] statuses) =>
        Eventually.GetAsync(
            async () => (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/org/{Slug}/payloads/{payloadId}")).GetProperty("data"),
            payload => payload.GetProperty("payload").GetProperty("status").GetString() is { } status && statuses.Contains(status)
                       && (status == PayloadStatus.Processing || !IsAttempting(payloadId)),
            TimeSpan.FromSeconds(60),
            Pump.Tick);

    private bool IsAttempting(string payloadId)
    {
        lock (_limiters)
        {
            return _outcomes.Any(outcomes => outcomes.IsAttempting(payloadId));
        }
    }

    /// <summary>Another instance of the service on the same database and sandbox, as in a scaled-out deployment.</summary>
    public async Task<TestService> StartHostAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var merged = new Dictionary<string, string>(SandboxOAuth.SettingsFor(Connect.Sandbox));
        foreach (var (key, value) in _settings.Concat(settings ?? new Dictionary<string, string>()))
        {
            merged[key] = value;
        }

        var host = await TestService.StartAsync(_database, merged, UseClock(Clock));
        lock (_limiters)
        {
            _limiters.Add(host.Services.GetRequiredService<QboRealmLimiter>());
            _outcomes.Add(host.Services.GetRequiredService<PayloadOutcomes>());
        }

        Pump.OnTick(host.Services.GetRequiredService<WorkSignal>().Notify);
        return host;
    }

    /// <summary>QBO requests on their way from every host of the world, and reservations of QBO budget under way.</summary>
    private int InFlight
    {
        get
        {
            lock (_limiters)
            {
                return _limiters.Sum(l => l.InFlight + l.Reserving);
            }
        }
    }

    public async Task AddFaultAsync(object rule) => (await Control.PostAsJsonAsync("/_sandbox/faults", rule)).EnsureSuccessStatusCode();

    public IReadOnlyList<JsonObject> Invoices(string realmId) => Connect.Sandbox.State.GetEntities(realmId, "Invoice");

    /// <summary>The connected company's rows of one entity, as stored.</summary>
    public IReadOnlyList<JsonObject> Entities(string entity) => Connect.Sandbox.State.GetEntities(RealmId, entity);

    /// <summary>The connected company's ledger: each account's balance by name, in its natural sign (A/R and income positive).</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> LedgerAsync()
    {
        var ledger = await Control.GetFromJsonAsync<JsonElement>($"/_sandbox/companies/{RealmId}/ledger");
        var totals = ledger.GetProperty("totals");
        Assert.Equal(totals.GetProperty("debit").GetDecimal(), totals.GetProperty("credit").GetDecimal());
        return ledger.GetProperty("accounts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("balance").GetDecimal());
    }

    public async ValueTask DisposeAsync()
    {
        // A request the sandbox holds on injected latency waits on this clock, and the hosts' shutdown waits on it: a test
        // that failed before moving the clock past it would otherwise hang here instead of reporting its failure.
        for (var i = 0; i < 600 && Connect.Sandbox.State.RequestsWaitingOnLatency > 0; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        Client.Dispose();
        Control.Dispose();
        await Connect.DisposeAsync();
    }
}
