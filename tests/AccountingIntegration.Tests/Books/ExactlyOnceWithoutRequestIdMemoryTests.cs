using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using Xunit.Abstractions;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Exactly once even when Intuit has forgotten the requestid: the sandbox commits a create, drops its answer and
/// forgets the requestid, so only the fingerprint in the document's PrivateNote can tell the retry that the document
/// exists. The retry adopts it; a create that is answered reads nothing more.
/// </summary>
public sealed partial class ExactlyOnceWithoutRequestIdMemoryTests(DatabaseFixture databases, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private const string TopicHeader = "X-Shopify-Topic";

    /// <summary>40 in the suite; EXACTLY_ONCE_ORDERS raises it for the measured run (bench/README.md).</summary>
    private static readonly int Orders = int.TryParse(Environment.GetEnvironmentVariable("EXACTLY_ONCE_ORDERS"), out var orders) && orders >= 10 ? orders : 40;

    [Theory, BothDatabases]
    public async Task AnswerLostAndRequestIdForgotten_RetryAdoptsTheDocument(DatabaseKind kind)
    {
        var lookups = new FingerprintQueries();
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", overrides: lookups.Install);
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "invoice", drop = "afterCommit", forgetRequestId = true, count = 1 });

        var sale = await world.DeliverFixtureAsync("shopify/order.rest-fixture.json", Delivery.Topic(TopicHeader, "orders/create"));

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(sale.DocumentId, (string?)invoice["Id"]);
        Assert.Matches(MarkerPattern(), (string?)invoice["PrivateNote"]);
        Assert.Equal(1, await FaultHitsAsync(world));
        Assert.Equal(1, lookups.Count);
    }

    /// <summary>An in-house app's order, booked by its mapping rather than a vendor's adapter, is created exactly once too.</summary>
    [Theory, BothDatabases]
    public async Task MappedSource_AnswerLostAndRequestIdForgotten_RetryAdoptsTheInvoice(DatabaseKind kind)
    {
        var lookups = new FingerprintQueries();
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "generic", overrides: lookups.Install);
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "invoice", drop = "afterCommit", forgetRequestId = true, count = 1 });
        var order = new JsonObject
        {
            ["id"] = "SO-4401", ["date"] = "2026-03-01",
            ["customer"] = new JsonObject { ["name"] = "Jane Roe", ["email"] = "jane@example.com" },
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Teapot", ["quantity"] = 2, ["unitPrice"] = "19.99" }),
        };

        var sale = await world.DeliverAsync(order.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(sale.DocumentId, (string?)invoice["Id"]);
        Assert.Equal(39.98m, (decimal)invoice["TotalAmt"]!);
        Assert.Matches(MarkerPattern(), (string?)invoice["PrivateNote"]);
        Assert.StartsWith("Order SO-4401 ", (string?)invoice["PrivateNote"]);
        Assert.Equal(1, await FaultHitsAsync(world));
        Assert.Equal(1, lookups.Count);
    }

    [Theory, BothDatabases]
    public async Task AnswerLostAndLookupFailing_NextAttemptLooksFirstAndAdopts(DatabaseKind kind)
    {
        var lookups = new FingerprintQueries();
        await using var world = await StartWithOneOrderBookedAsync(kind, lookups, 7_100_001);
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "invoice", drop = "afterCommit", forgetRequestId = true, count = 1 });
        // The lookup after the lost answer fails too, retries included: the attempt ends without knowing.
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "GET", entity = "query", faultType = "ServiceUnavailable", count = 4 });

        var second = await world.DeliverAsync(Order(7_100_002, paid: false), Delivery.Topic(TopicHeader, "orders/create"));

        Assert.True(second.Status == PayloadStatus.Succeeded, second.ToString());
        Assert.Equal(2, second.Detail.GetProperty("payload").GetProperty("attempts").GetInt32());
        Assert.Equal(2, world.Entities("Invoice").Count);
        Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == second.DocumentId);
        Assert.Equal(5, await FaultHitsAsync(world));
        // Lookup requests as QBO receives them: the first attempt's lookup, sent four times (three resends) and refused
        // each time, then the second attempt's, before any create.
        Assert.Equal(4 + 1, lookups.Count);
        // The second attempt, which could have run on another instance, reads from where the first attempt's look-up
        // started (kept with the uncertain create, in QBO's clock), not from the payload's arrival less 15 minutes.
        Assert.Equal(lookups.Since[0], lookups.Since[^1]);
    }

    [Theory, BothDatabases]
    public async Task CreateAnsweredWith503Twice_GoesAThirdTimeInTheSameAttempt(DatabaseKind kind)
    {
        var lookups = new FingerprintQueries();
        await using var world = await StartWithOneOrderBookedAsync(kind, lookups, 7_100_021);
        // Two 503s, which write nothing: each is followed by a look-up that finds nothing, then the same create again.
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "invoice", faultType = "ServiceUnavailable", count = 2 });

        var second = await world.DeliverAsync(Order(7_100_022, paid: false), Delivery.Topic(TopicHeader, "orders/create"));

        Assert.True(second.Status == PayloadStatus.Succeeded, second.ToString());
        Assert.Equal(1, second.Detail.GetProperty("payload").GetProperty("attempts").GetInt32());
        Assert.Equal(2, world.Entities("Invoice").Count);
        Assert.Equal(2, await FaultHitsAsync(world));
        Assert.Equal(2, lookups.Count);
        Assert.Equal(lookups.Since[0], lookups.Since[1]);
    }

    [Theory, BothDatabases]
    public async Task CreateLostAfterA503_TheLookUpBeforeTheThirdSendAdoptsIt(DatabaseKind kind)
    {
        var lookups = new FingerprintQueries();
        await using var world = await StartWithOneOrderBookedAsync(kind, lookups, 7_100_031);
        // A 503 (nothing written), then a resend that is written but whose answer is lost and its requestid forgotten.
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "invoice", faultType = "ServiceUnavailable", count = 1 });
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "invoice", drop = "afterCommit", forgetRequestId = true, count = 1 });

        var second = await world.DeliverAsync(Order(7_100_032, paid: false), Delivery.Topic(TopicHeader, "orders/create"));

        Assert.True(second.Status == PayloadStatus.Succeeded, second.ToString());
        Assert.Equal(1, second.Detail.GetProperty("payload").GetProperty("attempts").GetInt32());
        Assert.Equal(2, world.Entities("Invoice").Count);
        Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == second.DocumentId);
        Assert.Contains("FOUND_BY_FINGERPRINT", second.Detail.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await FaultHitsAsync(world));
        Assert.Equal(2, lookups.Count);
    }

    [Theory, BothDatabases]
    public async Task GaveUpNotKnowingWhetherItWrote_ReplayLooksFirstAndAdopts(DatabaseKind kind)
    {
        var lookups = new FingerprintQueries();
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify",
            settings: new Dictionary<string, string> { ["WEBHOOK_MAX_ATTEMPTS"] = "1" }, overrides: lookups.Install);
        var first = await world.DeliverAsync(Order(7_100_011, paid: false), Delivery.Topic(TopicHeader, "orders/create"));
        Assert.True(first.Status == PayloadStatus.Succeeded, first.ToString());
        // The create is written but its answer lost and its requestid forgotten; the look-up after it fails: the only
        // attempt ends without knowing, and the payload is given up.
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "invoice", drop = "afterCommit", forgetRequestId = true, count = 1 });
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "GET", entity = "query", faultType = "ServiceUnavailable", count = 4 });
        var second = await world.DeliverAsync(Order(7_100_012, paid: false), Delivery.Topic(TopicHeader, "orders/create"));
        Assert.True(second.Status == PayloadStatus.Dead, second.ToString());
        Assert.Equal(2, world.Entities("Invoice").Count);

        // The replay's first attempt is the first of a new series, yet the series before may have written: it looks first.
        using var replay = await world.Client.PostAsync($"/api/v1/org/{world.Slug}/payloads/{second.PayloadId}/replay", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
        var replayed = await world.SettledAsync(second.PayloadId, PayloadStatus.Succeeded, PayloadStatus.Failed, PayloadStatus.Dead);

        Assert.True(replayed.Status == PayloadStatus.Succeeded, replayed.ToString());
        Assert.Equal(2, world.Entities("Invoice").Count);
        Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == replayed.DocumentId);
        Assert.Contains("FOUND_BY_FINGERPRINT", replayed.Detail.ToString(), StringComparison.Ordinal);
        Assert.Equal(4 + 1, lookups.Count);
        Assert.Equal(lookups.Since[0], lookups.Since[^1]);
    }

    [Theory, BothDatabases]
    public async Task AnsweredCreate_CarriesItsFingerprintAndLooksNothingUp(DatabaseKind kind)
    {
        var lookups = new FingerprintQueries();
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", overrides: lookups.Install);

        var sale = await world.DeliverFixtureAsync("shopify/order.rest-fixture.json", Delivery.Topic(TopicHeader, "orders/create"));

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        var note = (string?)invoice["PrivateNote"];
        Assert.Matches(MarkerPattern(), note);
        Assert.EndsWith("]", note);
        Assert.Equal(0, lookups.Count);
    }

    [Theory, BothDatabases]
    public async Task FivePercentOfAnswersLostAndForgotten_EveryOrderIsOneDocument(DatabaseKind kind)
    {
        var lookups = new FingerprintQueries();
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", overrides: lookups.Install);
        var seed = 21;
        foreach (var entity in new[] { "invoice", "payment", "salesreceipt" })
        {
            await world.AddFaultAsync(new
            {
                realmId = world.RealmId, method = "POST", entity, drop = "afterCommit", forgetRequestId = true, probability = 0.05, seed = seed++,
            });
        }

        var started = Stopwatch.GetTimestamp();
        var delivered = new List<Delivered>();
        for (var i = 1; i <= Orders; i++)
        {
            delivered.Add(await world.DeliverAsync(Order(7_000_000 + i, paid: i % 2 == 0), Delivery.Topic(TopicHeader, "orders/create")));
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.All(delivered, d => Assert.True(d.Status == PayloadStatus.Succeeded, d.ToString()));
        var invoices = world.Entities("Invoice");
        Assert.Equal(Orders, invoices.Count);
        Assert.Equal(Orders, invoices.Select(i => (string?)i["DocNumber"]).Distinct().Count());
        Assert.Equal(Orders / 2, world.Entities("Payment").Count);
        var documents = new[] { "Invoice", "Payment", "SalesReceipt" }.SelectMany(world.Entities).ToList();
        var duplicates = documents.GroupBy(d => MarkerPattern().Match((string?)d["PrivateNote"] ?? string.Empty).Value).Where(g => g.Count() > 1).Sum(g => g.Count() - 1);
        Assert.Equal(0, duplicates);
        Assert.All(documents, d => Assert.Matches(MarkerPattern(), (string?)d["PrivateNote"]));
        var dropped = await FaultHitsAsync(world);
        Assert.True(dropped > 0, "no answer was dropped");
        output.WriteLine($"{kind}: orders {Orders}, documents {documents.Count}, answers dropped and forgotten {dropped}, fingerprint lookups {lookups.Count}, "
                         + $"duplicates {duplicates}, wall time {elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// A world whose first order is booked: it leaves the customer, items and company settings cached, so the next
    /// order's only queries are fingerprint look-ups.
    /// </summary>
    private async Task<PipelineWorld> StartWithOneOrderBookedAsync(DatabaseKind kind, FingerprintQueries lookups, long orderId)
    {
        var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", overrides: lookups.Install);
        try
        {
            var first = await world.DeliverAsync(Order(orderId, paid: false), Delivery.Topic(TopicHeader, "orders/create"));
            Assert.True(first.Status == PayloadStatus.Succeeded, first.ToString());
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>A Shopify order: authorized (an invoice) or paid (an invoice and its payment).</summary>
    private static string Order(long id, bool paid)
    {
        var order = JsonNode.Parse(PipelineWorld.ShopifyOrder(id))!.AsObject();
        if (paid)
        {
            order["financial_status"] = "paid";
            order["total_outstanding"] = "0.00";
        }

        return order.ToJsonString();
    }

    private static async Task<int> FaultHitsAsync(PipelineWorld world)
    {
        var faults = await world.Control.GetFromJsonAsync<JsonElement>("/_sandbox/faults");
        return faults.EnumerateArray().Sum(f => f.GetProperty("hits").GetInt32());
    }

    [GeneratedRegex(@"\[ai:[^\]]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
