using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Books.Batching;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Documents for one company leave in QBO batch requests when they pile up, exactly once: each batch is stored before
/// it is sent, an item QBO refuses becomes its own payload's outcome, and a batch whose answer was lost (and whose
/// requestid Intuit forgot) is settled by the documents' fingerprints instead of being sent again blindly.
/// </summary>
public sealed partial class BatchBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string TopicHeader = "X-Shopify-Topic";
    private const int Burst = 24;

    /// <summary>The documents that wait behind the held create: one per worker but the one holding it.</summary>
    private const int Gathered = 16 - 1;

    /// <summary>Many workers, one sender per company: while the first create is held, the others gather into batches.</summary>
    private static readonly IReadOnlyDictionary<string, string> Batching = new Dictionary<string, string>
    {
        ["WORKER_CONCURRENCY"] = "16",
        ["QBO_BATCH_SENDERS"] = "1",
    };

    [Theory, BothDatabases]
    public async Task BurstForOneCompany_LeavesInBatches_EachOrderBookedOnce(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify", settings: Batching);
        await WarmUpAsync(world);
        await HoldFirstCreateAsync(world);

        var delivered = await DeliverBurstAsync(world, 7_200_000);

        Assert.All(delivered, d => Assert.True(d.Status == PayloadStatus.Succeeded, d.ToString()));
        AssertEachOrderOnce(world, Burst + 1);
        var ids = delivered.Select(d => d.PayloadId).ToList();
        var batches = await Sql.CountAsync(database.Database, "SELECT COUNT(DISTINCT request_id) FROM qbo_batch_items WHERE payload_id IN @Ids", new { Ids = ids });
        var batched = await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM qbo_batch_items WHERE outcome = 'created' AND payload_id IN @Ids", new { Ids = ids });
        Assert.True(batches >= 1, "no batch request was sent");
        Assert.True(batched >= Burst / 2, $"only {batched} of {Burst} documents went in batches");
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM qbo_batches WHERE state <> 'settled'"));
        // Each payload's log names the document QBO created for it in the batch.
        Assert.All(delivered, d => Assert.Contains(world.Entities("Invoice"), i => (string?)i["Id"] == d.DocumentId));
    }

    [Theory, BothDatabases]
    public async Task OnePayload_GoesOutAloneAtOnce(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify", settings: Batching);

        var sale = await world.DeliverAsync(PipelineWorld.ShopifyOrder(7_300_001), Delivery.Topic(TopicHeader, "orders/create"));

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Single(world.Entities("Invoice"));
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM qbo_batch_items WHERE payload_id = @PayloadId", new { sale.PayloadId }));
    }

    [Theory, BothDatabases]
    public async Task BatchAnswerLostAndRequestIdForgotten_DocumentsFoundByFingerprint_NoneTwice(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify", settings: Batching);
        await WarmUpAsync(world);
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "batch", drop = "afterCommit", forgetRequestId = true, count = 1 });
        await HoldFirstCreateAsync(world);

        var delivered = await DeliverBurstAsync(world, 7_400_000);

        Assert.All(delivered, d => Assert.True(d.Status == PayloadStatus.Succeeded, d.ToString()));
        AssertEachOrderOnce(world, Burst + 1);
        Assert.Equal(1 + 1, await FaultHitsAsync(world));
        var adopted = delivered.Count(d => d.Detail.ToString().Contains("FOUND_BY_FINGERPRINT", StringComparison.Ordinal));
        Assert.True(adopted >= 2, $"only {adopted} payloads took a document found by its fingerprint");
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM qbo_batches WHERE state <> 'settled'"));
    }

    [Theory, BothDatabases]
    public async Task BatchAnswerLostAndLookupFailing_NextAttemptsSettleTheStoredBatch(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify", settings: Batching);
        await WarmUpAsync(world);
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "batch", drop = "afterCommit", forgetRequestId = true, count = 1 });
        // The look-up after the lost answer fails, resends included: the attempts end without knowing what QBO wrote.
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "GET", entity = "query", faultType = "ServiceUnavailable", count = 4 });
        await HoldFirstCreateAsync(world);

        var delivered = await DeliverBurstAsync(world, 7_500_000);

        Assert.All(delivered, d => Assert.True(d.Status == PayloadStatus.Succeeded, d.ToString()));
        AssertEachOrderOnce(world, Burst + 1);
        Assert.Contains(delivered, d => d.Detail.GetProperty("payload").GetProperty("attempts").GetInt32() > 1);
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM qbo_batches WHERE state <> 'settled'"));
    }

    [Theory, BothDatabases]
    public async Task BatchAnsweredWith503Twice_GoesAThirdTimeInTheSameAttempt_NoPayloadRetried(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify", settings: Batching);
        await WarmUpAsync(world);
        // QBO answers the first two batch requests with 503 (nothing written): each is followed by a look-up that finds
        // none of the batch's documents, then the identical batch again.
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "batch", faultType = "ServiceUnavailable", count = 2 });
        await HoldFirstCreateAsync(world);

        var delivered = await DeliverBurstAsync(world, 7_700_000);

        Assert.All(delivered, d => Assert.True(d.Status == PayloadStatus.Succeeded, d.ToString()));
        AssertEachOrderOnce(world, Burst + 1);
        Assert.Equal(1 + 2, await FaultHitsAsync(world));
        // The batch's documents were not sent back to their payloads' retries, to go out one create each.
        Assert.All(delivered, d => Assert.Equal(1, d.Detail.GetProperty("payload").GetProperty("attempts").GetInt32()));
        var ids = delivered.Select(d => d.PayloadId).ToList();
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM qbo_batch_items WHERE outcome <> 'created' AND payload_id IN @Ids", new { Ids = ids }));
        Assert.Equal(0, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM qbo_batches WHERE state <> 'settled'"));
    }

    [Theory, BothDatabases]
    public async Task OneItemRefusedInTheBatch_OnlyItsPayloadHandlesTheFault(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await PipelineWorld.StartAsync(database, "shopify", settings: Batching);
        await WarmUpAsync(world);
        // Someone already used one order's number in QBO: QBO refuses that item alone (6140); its payload books it
        // numbered by QBO, the others keep their numbers.
        var taken = 7_600_000 + 5;
        var existing = world.Entities("Invoice")[0];
        var customerId = (string?)existing["CustomerRef"]?["value"];
        var token = await world.Services.GetRequiredService<TokenManager>().GetValidTokenAsync(world.Organization.OrganizationId, CancellationToken.None);
        using var manualRequest = new HttpRequestMessage(HttpMethod.Post, $"/v3/company/{world.RealmId}/invoice?minorversion=75");
        manualRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        // QBO's field names as they are (JsonContent would camel-case an anonymous object's).
        manualRequest.Content = new StringContent(new JsonObject
        {
            ["DocNumber"] = $"#{taken % 100000}",
            ["CustomerRef"] = new JsonObject { ["value"] = customerId },
            ["Line"] = new JsonArray(new JsonObject
            {
                ["Amount"] = 1.00m,
                ["DetailType"] = "SalesItemLineDetail",
                ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = "1" } },
            }),
        }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        // Past the sandbox's second of requests the warm-up spent (its clock is the test's).
        world.Clock.Advance(TimeSpan.FromSeconds(2));
        using var manual = await world.Control.SendAsync(manualRequest);
        Assert.True(manual.StatusCode == HttpStatusCode.OK, await manual.Content.ReadAsStringAsync());
        await HoldFirstCreateAsync(world);
        // Another order's create is the one held, so the order whose number is taken goes out in the batch behind it,
        // whichever worker reaches QBO first.
        using var held = await world.SendAsync(PipelineWorld.ShopifyOrder(7_600_000), Guid.NewGuid().ToString("N"), headers: Delivery.Topic(TopicHeader, "orders/create"));
        await Eventually.GetAsync(() => FaultHitsAsync(world), hits => hits == 1);

        var delivered = await DeliverBurstAsync(world, 7_600_000);

        Assert.All(delivered, d => Assert.True(d.Status == PayloadStatus.Succeeded, d.ToString()));
        var numberTaken = Assert.Single(delivered, d => d.Detail.ToString().Contains("DOC_NUMBER_TAKEN", StringComparison.Ordinal));
        var renumbered = Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == numberTaken.DocumentId);
        Assert.NotEqual($"#{taken % 100000}", (string?)renumbered["DocNumber"]);
        Assert.Equal(1, await Sql.CountAsync(database.Database, "SELECT COUNT(*) FROM qbo_batch_items WHERE outcome = 'fault' AND payload_id IN @Ids",
            new { Ids = delivered.Select(d => d.PayloadId).ToList() }));
    }

    [Theory, BothDatabases]
    public async Task ResumedDocument_ItsBatchWroteNothing_ButTheAloneCreateAfterItDid_IsFoundNotBookedTwice(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var lookups = new FingerprintQueries();
        await using var world = await PipelineWorld.StartAsync(database, "shopify", settings: Batching, overrides: lookups.Install);
        await WarmUpAsync(world);
        var customerId = (string)world.Entities("Invoice")[0]["CustomerRef"]!["value"]!;
        const string fingerprint = "fp-absent-then-alone";
        var receivedAt = world.Clock.GetUtcNow().UtcDateTime;
        // Attempt 1: the document's batch was settled, and QBO had written nothing for it.
        var store = world.Services.GetRequiredService<BatchStore>();
        var batch = new StoredBatch
        {
            RequestId = Guid.NewGuid().ToString("N"), OrganizationId = world.Organization.OrganizationId, RealmId = world.RealmId,
            State = BatchStates.Sent, Body = "{}", CreatedAt = receivedAt, EarliestCreateTime = receivedAt,
        };
        var item = new StoredBatchItem { RequestId = batch.RequestId, Bid = "1", Fingerprint = fingerprint, PayloadId = "payload-1", EntityType = "Invoice" };
        await store.SaveAsync(batch, [item], default);
        await store.SettleAsync(batch.RequestId, [item with { Outcome = BatchItemOutcomes.Absent }], default);
        var body = InvoiceBody(customerId, 12.00m, fingerprint);
        var token = await world.Services.GetRequiredService<TokenManager>().GetValidTokenAsync(world.Organization.OrganizationId, default);
        var create = new DocumentCreate(world.Organization.OrganizationId, new QboCredentials(token.RealmId, token.AccessToken), "payload-1", "Invoice",
            body, fingerprint, fingerprint, receivedAt);
        var batcher = world.Services.GetRequiredService<DocumentBatcher>();
        // Attempt 2 sends it alone: two 503s (nothing written), each followed by a look-up that finds nothing, and the last
        // send written but its answer lost, the requestid forgotten.
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "invoice", faultType = "ServiceUnavailable", count = BatchSender.MaxSends - 1 });
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "invoice", drop = "afterCommit", forgetRequestId = true, count = 1 });
        world.Clock.Advance(TimeSpan.FromSeconds(2));
        var lost = await Assert.ThrowsAsync<QboApiException>(() => batcher.CreateAsync(create, lookFirst: true, default));
        Assert.Equal(QboErrorKind.Network, lost.Kind);
        Assert.Single(world.Entities("Invoice"), i => DocumentFingerprint.Carries(i, fingerprint));

        // Attempt 3 finds the item marked as sent alone since, so it asks QBO instead of trusting the batch.
        world.Clock.Advance(TimeSpan.FromSeconds(2));
        var created = await batcher.CreateAsync(create, lookFirst: true, default);

        Assert.True(created.Adopted);
        Assert.Single(world.Entities("Invoice"), i => DocumentFingerprint.Carries(i, fingerprint));
        var stored = await store.FindByFingerprintAsync(fingerprint, default);
        Assert.Equal(BatchItemOutcomes.Resent, Assert.Single(stored!.Value.Items).Outcome);
        // Nothing that wrote it went before its batch: the look-up starts where the batch's does, not at the wide allowance.
        Assert.Equal(Seconds(receivedAt), lookups.Since[^1]);
    }

    [Theory, BothDatabases]
    public async Task LostBatch_SettledFromItsKeptStart_ItsPayloadsShareOneLookUp(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        var lookups = new FingerprintQueries();
        await using var world = await PipelineWorld.StartAsync(database, "shopify", settings: Batching, overrides: lookups.Install);
        await WarmUpAsync(world);
        var customerId = (string)world.Entities("Invoice")[0]["CustomerRef"]!["value"]!;
        var token = await world.Services.GetRequiredService<TokenManager>().GetValidTokenAsync(world.Organization.OrganizationId, default);
        var credentials = new QboCredentials(token.RealmId, token.AccessToken);
        // A batch of two, composed by another instance, whose answer was lost: QBO wrote the first document, not the second.
        var now = world.Clock.GetUtcNow().UtcDateTime;
        var batch = new StoredBatch
        {
            RequestId = Guid.NewGuid().ToString("N"), OrganizationId = world.Organization.OrganizationId, RealmId = world.RealmId,
            State = BatchStates.Sent, Body = "{}", CreatedAt = now, EarliestCreateTime = now.AddSeconds(-30),
        };
        StoredBatchItem[] items =
        [
            new() { RequestId = batch.RequestId, Bid = "1", Fingerprint = "fp-lost-written", PayloadId = "payload-w", EntityType = "Invoice" },
            new() { RequestId = batch.RequestId, Bid = "2", Fingerprint = "fp-lost-absent", PayloadId = "payload-a", EntityType = "Invoice" },
        ];
        await world.Services.GetRequiredService<BatchStore>().SaveAsync(batch, items, default);
        world.Clock.Advance(TimeSpan.FromSeconds(2));
        var written = await world.Services.GetRequiredService<QboClient>().CreateOnceAsync(credentials, "Invoice",
            InvoiceBody(customerId, 9.00m, "fp-lost-written"), "fp-lost-written", default);
        // The look-up is held until the clock moves, so both payloads of the batch come to settle it while it runs.
        await world.AddFaultAsync(new { realmId = world.RealmId, method = "GET", entity = "query", latencyMs = 3000, count = 1 });

        var first = world.Services.GetRequiredService<BatchSender>().SettleLostAsync(batch, items, credentials, default);
        var second = world.Services.GetRequiredService<BatchSender>().SettleLostAsync(batch, items, credentials, default);
        await world.Pump.WhileAsync(Task.WhenAll(first, second));

        Assert.Equal(1, lookups.Count);
        Assert.Equal(Seconds(batch.EarliestCreateTime.Value), Assert.Single(lookups.Since));
        foreach (var settled in new[] { await first, await second })
        {
            Assert.Equal([BatchItemOutcomes.Created, BatchItemOutcomes.Absent], settled.Select(i => i.Outcome));
            Assert.Equal((string?)written["Id"], (string?)JsonNode.Parse(settled[0].Response!)!["Id"]);
        }
    }

    /// <summary>A one-line invoice for the customer, stamped with the fingerprint, as the booking would send it.</summary>
    private static JsonObject InvoiceBody(string customerId, decimal amount, string fingerprint)
    {
        var body = new JsonObject
        {
            ["CustomerRef"] = new JsonObject { ["value"] = customerId },
            ["Line"] = new JsonArray(new JsonObject
            {
                ["Amount"] = amount,
                ["DetailType"] = "SalesItemLineDetail",
                ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = "1" } },
            }),
        };
        DocumentFingerprint.Stamp(body, fingerprint);
        return body;
    }

    /// <summary>A time as a query's CreateTime bound carries it: whole seconds, UTC.</summary>
    private static DateTime Seconds(DateTime time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>One order first, so the customer, items and company settings are known and cached before the burst.</summary>
    private static async Task WarmUpAsync(PipelineWorld world)
    {
        var first = await world.DeliverAsync(PipelineWorld.ShopifyOrder(7_100_000), Delivery.Topic(TopicHeader, "orders/create"));
        Assert.True(first.Status == PayloadStatus.Succeeded, first.ToString());
    }

    /// <summary>The next single create waits on the sandbox's clock, so the documents behind it gather in the lane.</summary>
    private static Task HoldFirstCreateAsync(PipelineWorld world) =>
        world.AddFaultAsync(new { realmId = world.RealmId, method = "POST", entity = "invoice", latencyMs = 3000, count = 1 });

    private static async Task<List<Delivered>> DeliverBurstAsync(PipelineWorld world, long firstId)
    {
        var payloadIds = new List<string>();
        for (var i = 1; i <= Burst; i++)
        {
            using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(firstId + i), Guid.NewGuid().ToString("N"),
                headers: Delivery.Topic(TopicHeader, "orders/create"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            payloadIds.Add((await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!);
        }

        // Let the workers' documents gather behind the held create before the clock moves and releases it: on a loaded
        // machine the clock would otherwise move first, and a document late to the lane would go out alone. The gauge
        // operators watch counts them; each scrape counts against the organization's rate limit, hence the pause.
        await Eventually.GetAsync(async () => (await PrometheusText.ScrapeAsync(world.Client)).Value("ai_qbo_batch_waiting"), waiting => waiting >= Gathered,
            pause: TimeSpan.FromMilliseconds(250));

        var delivered = new List<Delivered>();
        foreach (var payloadId in payloadIds)
        {
            delivered.Add(await world.SettledAsync(payloadId));
        }

        return delivered;
    }

    private static void AssertEachOrderOnce(PipelineWorld world, int orders)
    {
        var invoices = world.Entities("Invoice").Where(i => MarkerPattern().IsMatch((string?)i["PrivateNote"] ?? string.Empty)).ToList();
        Assert.Equal(orders, invoices.Count);
        var duplicates = invoices.GroupBy(i => MarkerPattern().Match((string?)i["PrivateNote"] ?? string.Empty).Value).Count(g => g.Count() > 1);
        Assert.Equal(0, duplicates);
    }

    private static async Task<int> FaultHitsAsync(PipelineWorld world)
    {
        var faults = await world.Control.GetFromJsonAsync<JsonElement>("/_sandbox/faults");
        return faults.EnumerateArray().Sum(f => f.GetProperty("hits").GetInt32());
    }

    [GeneratedRegex(@"\[ai:[^\]]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
