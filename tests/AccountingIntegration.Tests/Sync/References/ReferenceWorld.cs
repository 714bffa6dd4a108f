using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Tests.Sync.References;

/// <summary>A sandbox session with resolvers over one shared cache, as the service's workers share one.</summary>
internal sealed class ReferenceWorld : IAsyncDisposable
{
    public static readonly ResolutionPolicy CreateAll = new(CreateCustomers: true, CreateItems: true);
    public static readonly ResolutionPolicy CreateNothing = new(CreateCustomers: false, CreateItems: false);

    private ReferenceWorld(SandboxSession session, TimeProvider time)
    {
        Session = session;
        Time = time;
    }

    public SandboxSession Session { get; }

    public TimeProvider Time { get; }

    public MemoryCache Cache { get; } = new(new MemoryCacheOptions());

    public static async Task<ReferenceWorld> StartAsync(TimeProvider? time = null) =>
        new(await SandboxSession.StartAsync(), time ?? TimeProvider.System);

    /// <summary>This process's keyed lock, shared by its workers' resolvers.</summary>
    public KeyedLock Locks { get; } = new();

    /// <summary>A resolver as one worker gets it; <paramref name="otherProcess"/> plays another process (its own cache and lock).</summary>
    public QboReferenceResolver Resolver(bool otherProcess = false)
    {
        if (!otherProcess)
        {
            return new(Session.Client, Locks, Cache, Time, new ReferenceDirectory(Session.Client, Locks, Cache, Time));
        }

        var locks = new KeyedLock();
        var cache = new MemoryCache(new MemoryCacheOptions());
        return new(Session.Client, locks, cache, Time, new ReferenceDirectory(Session.Client, locks, cache, Time));
    }

    public Task<string> ResolveAsync(string entity, string value, ResolutionPolicy? policy = null, QboReferenceResolver? resolver = null) =>
        (resolver ?? Resolver()).ResolveAsync(Session.Credentials, entity, value, policy ?? CreateAll, entity == "Customer" ? "CustomerRef.value" : "Line[0].SalesItemLineDetail.ItemRef.value", default);

    public async Task<JsonObject> ReadAsync(string entity, string id) =>
        await Session.Client.ReadAsync(Session.Credentials, entity, id, default) ?? throw new InvalidOperationException($"{entity} {id} is missing");

    /// <summary>Adds an entity through the sandbox's control API, as a person would in QBO's screens (QBO's PascalCase names kept).</summary>
    public async Task<string> AddInQboAsync(string entity, object body)
    {
        using var response = await Session.Control.PostAsJsonAsync($"/_sandbox/companies/{Session.Credentials.RealmId}/{entity}", body, JsonSerializerOptions.Default);
        response.EnsureSuccessStatusCode();
        var row = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (string)row!["Id"]!;
    }

    /// <summary>Every Accounting API request the sandbox received for the realm.</summary>
    public async Task<int> RequestCountAsync()
    {
        var stats = await Session.Control.GetFromJsonAsync<JsonObject>("/_sandbox/stats");
        return (int)stats!["totalRequests"]!;
    }

    /// <summary>How many requests matched a fault rule: with only a latency, a rule counts without failing anything.</summary>
    public async Task<int> FaultHitsAsync()
    {
        var rules = await Session.Control.GetFromJsonAsync<JsonArray>("/_sandbox/faults");
        return rules!.Sum(rule => (int)rule!["hits"]!);
    }

    public async ValueTask DisposeAsync()
    {
        Cache.Dispose();
        await Session.DisposeAsync();
    }
}
