using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>
/// Nothing acknowledged is ever lost, nothing is booked twice: service processes killed with SIGKILL in the middle of
/// ingest and again in the middle of booking, against a QBO that throttles, fails and drops answers after committing.
/// Every order acknowledged with 202 ends as exactly one invoice. Real processes, real time, a real sandbox over HTTP.
/// </summary>
public sealed class CrashSafetyTests
{
    /// <summary>80 in the suite; CRASH_SAFETY_ORDERS raises it for a longer measured run (bench/README.md).</summary>
    private static readonly int Orders = int.TryParse(Environment.GetEnvironmentVariable("CRASH_SAFETY_ORDERS"), out var orders) && orders >= 8 ? orders : 80;

    [Theory, BothDatabases]
    public async Task KilledMidIngestAndMidBooking_EveryAcceptedOrderIsOneInvoice(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var world = await ConnectWorld.StartAsync(database, settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        var (organization, apiKey) = await world.CreateOrganizationAsync();
        await world.Service.Services.GetRequiredService<TemplateInstaller>().InstallAsync(default);
        await world.Service.Services.GetRequiredService<WebhookStore>()
            .CreateSourceAsync(organization.OrganizationId, "shop", "shopify", "none", null, null, true, default);
        await world.ConnectAsync(organization, apiKey);
        await AddFaultMixAsync(world);
        var environment = InstanceEnvironment(world, database);
        var accepted = new HashSet<long>();

        // Half the orders go to an instance that is killed while requests are in flight.
        var first = await ServiceInstance.StartAsync(environment);
        var inFlight = Enumerable.Range(1, Orders / 2).Select(i => SendAsync(first, apiKey, organization.Slug, 5000 + i)).ToList();
        await Eventually.GetAsync(() => Task.FromResult(inFlight.Count(t => t.IsCompleted)), done => done >= Orders / 4, TimeSpan.FromSeconds(60));
        await first.DisposeAsync();
        foreach (var result in await Task.WhenAll(inFlight))
        {
            if (result.Accepted)
            {
                accepted.Add(result.Order);
            }
        }

        // The senders retry what got no answer, and send the rest, to the instances that take over (two on MariaDB).
        var survivors = new List<ServiceInstance> { await ServiceInstance.StartAsync(environment) };
        if (kind == DatabaseKind.MySql)
        {
            survivors.Add(await ServiceInstance.StartAsync(environment));
        }

        try
        {
            var rest = Enumerable.Range(1, Orders).Select(i => 5000L + i).Where(o => !accepted.Contains(o)).ToList();
            foreach (var result in await Task.WhenAll(rest.Select((o, i) => SendAsync(survivors[i % survivors.Count], apiKey, organization.Slug, o))))
            {
                Assert.True(result.Accepted, $"order {result.Order} was not accepted by a healthy instance: {result.Status}");
                accepted.Add(result.Order);
            }

            // Booking is under way: kill one instance mid-booking; a new one takes its leased payloads when the leases run out.
            await Eventually.GetAsync(() => SucceededAsync(database), done => done >= Orders / 4, TimeSpan.FromSeconds(90));
            await survivors[0].DisposeAsync();
            survivors[0] = await ServiceInstance.StartAsync(environment);

            await Eventually.GetAsync(() => SucceededAsync(database), done => done == Orders, TimeSpan.FromSeconds(180 + Orders));
        }
        finally
        {
            foreach (var survivor in survivors)
            {
                await survivor.DisposeAsync();
            }
        }

        Assert.Equal(Orders, accepted.Count);
        var invoices = world.Sandbox.State.GetEntities(SandboxState.FirstRealmId, "Invoice");
        var docNumbers = invoices.Select(i => (string?)i["DocNumber"]).ToList();
        Assert.Equal(Orders, docNumbers.Count);
        Assert.Equal(accepted.Select(o => $"#{o % 100000}").Order(), docNumbers.Order());
        using var control = new HttpClient { BaseAddress = world.Sandbox.BaseUrl };
        var faults = await control.GetFromJsonAsync<JsonElement>("/_sandbox/faults");
        Assert.All(faults.EnumerateArray(), f => Assert.True(f.GetProperty("hits").GetInt32() > 0, $"fault never fired: {f}"));
    }

    private static async Task AddFaultMixAsync(ConnectWorld world)
    {
        using var control = new HttpClient { BaseAddress = world.Sandbox.BaseUrl };
        object[] rules =
        [
            // The worst case for exactly-once: QBO commits the invoice and the answer never arrives.
            new { method = "POST", entity = "invoice", drop = "afterCommit", probability = 0.08, seed = 11 },
            new { faultType = "ThrottleExceeded", probability = 0.05, seed = 12 },
            new { faultType = "ServiceUnavailable", probability = 0.05, seed = 13 },
        ];
        foreach (var rule in rules)
        {
            (await control.PostAsJsonAsync("/_sandbox/faults", rule)).EnsureSuccessStatusCode();
        }
    }

    private static Dictionary<string, string> InstanceEnvironment(ConnectWorld world, TestDatabase database)
    {
        var environment = new Dictionary<string, string>(TestService.DefaultSettings);
        foreach (var (key, value) in SandboxOAuth.SettingsFor(world.Sandbox))
        {
            environment[key] = value;
        }

        environment["DATABASE_URL"] = database.Url;
        environment["API_BASE_URL"] = world.Service.BaseAddress.ToString();
        environment["WORKER_CONCURRENCY"] = "4";
        // Short leases, retries and QBO time-outs: a killed instance's payloads and a dropped answer come back in seconds.
        environment["WORKER_LEASE_SECONDS"] = "6";
        environment["QBO_REQUEST_TIMEOUT_SECONDS"] = "3";
        environment["WEBHOOK_RETRY_BASE_SECONDS"] = "1";
        environment["WEBHOOK_RETRY_MAX_SECONDS"] = "2";
        environment["WEBHOOK_MAX_ATTEMPTS"] = "30";
        environment["DRIFT_SWEEP_MINUTES"] = "0";
        return environment;
    }

    private static async Task<SendResult> SendAsync(ServiceInstance instance, string apiKey, string slug, long order)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{instance.Port}"), Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook/{slug}")
        {
            Content = new StringContent(PipelineWorld.ShopifyOrder(order), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", apiKey);
        request.Headers.Add("Idempotency-Key", $"order-{order}");
        try
        {
            using var response = await client.SendAsync(request);
            return new SendResult(order, response.StatusCode == HttpStatusCode.Accepted, response.StatusCode.ToString());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // No answer: the sender does not know, and sends again.
            return new SendResult(order, false, e.GetType().Name);
        }
    }

    private static async Task<long> SucceededAsync(TestDatabase database) =>
        await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM webhook_payloads WHERE status = @Succeeded", new { PayloadStatus.Succeeded });

    private sealed record SendResult(long Order, bool Accepted, string Status);
}
