using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.QuickBooks;

/// <summary>Two service instances on one MariaDB booking into one QBO company draw from one budget.</summary>
public sealed class SharedRealmBudgetTests
{
    private static readonly string Realm = SandboxState.FirstRealmId;

    [Fact]
    public async Task TwoHostsOnOneMariaDb_BookingIntoOneCompany_TogetherNeverDrawA429()
    {
        // Concurrency lowered at both ends so eight workers crowd three slots; each instance alone would allow the
        // company 10 calls a second, both together 20, and the sandbox answers 429 past 10.
        var limits = new Dictionary<string, string>
        {
            ["WORKER_CONCURRENCY"] = "4",
            ["QBO_MAX_CONCURRENT_PER_REALM"] = "3",
        };
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        await using var world = await PipelineWorld.StartAsync(database, settings: limits, sandbox: s => s.ConcurrentRequestsPerRealm = 3);
        await using var second = await world.StartHostAsync(limits);
        using var secondClient = new HttpClient { BaseAddress = second.BaseAddress };
        secondClient.DefaultRequestHeaders.Add("X-API-Key", world.ApiKey);
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var client = i % 2 == 0 ? world.Client : secondClient;
            using var response = await client.PostAsync($"/api/v1/webhook/{world.Slug}",
                new StringContent(PipelineWorld.ShopifyOrder(7100 + i), System.Text.Encoding.UTF8, "application/json"));
            ids.Add((await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!);
        }

        foreach (var id in ids)
        {
            await world.WaitForStatusAsync(id, PayloadStatus.Succeeded);
        }

        var realm = world.Connect.Sandbox.State.GetStats().Realms.Single(r => r.RealmId == Realm);
        Assert.Equal(30, world.Invoices(Realm).Count);
        Assert.True(realm.Requests > 30, $"{realm.Requests} requests");
        Assert.Equal(0, realm.Throttled);
        Assert.InRange(realm.MaxConcurrency, 1, 3);
        Assert.InRange(realm.PeakRequestsPerSecond, 1, 10);
        Assert.InRange(realm.PeakRequestsPerMinute, 1, 500);
    }
}
