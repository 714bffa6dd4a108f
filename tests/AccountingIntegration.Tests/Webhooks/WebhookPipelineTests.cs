using System.Net;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>Webhook → durable queue → worker → invoice in the local QBO sandbox, on both databases.</summary>
public sealed class WebhookPipelineTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly string Realm = SandboxState.FirstRealmId;

    [Theory, BothDatabases]
    public async Task ShopifyOrder_BecomesAnInvoiceForTheOrdersTotal(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));

        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(450789469, "#1001"), wait: 20);
        var result = await PipelineWorld.DataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result.GetProperty("processed").GetBoolean(), result.ToString());
        var invoiceId = result.GetProperty("invoiceId").GetString();
        var invoice = Assert.Single(world.Invoices(Realm), i => (string?)i["Id"] == invoiceId);
        var itemLines = invoice["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail").ToList();
        // Three lines at 199.00 and, the demo company keeping no sales tax, the order's 6 % state tax as a line of its own.
        Assert.Equal(3, itemLines.Count(l => (decimal?)l!["SalesItemLineDetail"]!["UnitPrice"] == 199.00m));
        Assert.Single(itemLines, l => (decimal)l!["Amount"]! == 11.94m);
        // The order's total_price; it is only authorized, so nothing is paid yet.
        Assert.Equal(409.94m, (decimal)invoice["TotalAmt"]!);
        Assert.Equal(409.94m, (decimal)invoice["Balance"]!);
        Assert.False(string.IsNullOrEmpty((string?)invoice["CustomerRef"]!["value"]));
        // The customer was created from the order's e-mail, once.
        Assert.Single(world.Connect.Sandbox.State.GetEntities(Realm, "Customer"), c => (string?)c["PrimaryEmailAddr"]?["Address"] == "bob.norman@hostmail.com");
    }

    [Theory, BothDatabases]
    public async Task DuplicateDelivery_MakesOneInvoice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        var body = PipelineWorld.ShopifyOrder(1001);

        using var first = await world.SendAsync(body, idempotencyKey: "delivery-1");
        using var second = await world.SendAsync(body, idempotencyKey: "delivery-1");
        var firstData = await PipelineWorld.DataAsync(first);
        var secondData = await PipelineWorld.DataAsync(second);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.False(firstData.GetProperty("duplicate").GetBoolean());
        Assert.True(secondData.GetProperty("duplicate").GetBoolean());
        Assert.Equal(firstData.GetProperty("payloadId").GetString(), secondData.GetProperty("payloadId").GetString());
        await world.WaitForStatusAsync(firstData.GetProperty("payloadId").GetString()!, PayloadStatus.Succeeded);
        Assert.Single(world.Invoices(Realm));
    }

    [Theory, BothDatabases]
    public async Task ServerErrorsBeyondTheClientsRetries_RetryLaterAndMakeOneInvoice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        // Four 500s outlast the HTTP client's three retries, so the payload goes back to the queue.
        await world.AddFaultAsync(new { method = "POST", entity = "invoice", status = 500, count = 4 });

        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(2002));
        var payloadId = (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;
        var detail = await world.WaitForStatusAsync(payloadId, PayloadStatus.Succeeded);

        Assert.Single(world.Invoices(Realm));
        var logs = detail.GetProperty("syncLogs").EnumerateArray().ToList();
        Assert.Equal(PayloadStatus.Retrying, logs[0].GetProperty("status").GetString());
        Assert.Equal(PayloadStatus.Succeeded, logs[^1].GetProperty("status").GetString());
        Assert.True(detail.GetProperty("payload").GetProperty("attempts").GetInt32() >= 2);
    }

    [Theory, BothDatabases]
    public async Task ResponseLostAfterQboCommitted_RetryStillMakesOneInvoice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        await world.AddFaultAsync(new { method = "POST", entity = "invoice", drop = "afterCommit", count = 4 });

        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(3003));
        var payloadId = (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;
        await world.WaitForStatusAsync(payloadId, PayloadStatus.Succeeded);

        Assert.Single(world.Invoices(Realm));
    }

    [Theory, BothDatabases]
    public async Task ThrottlingStorm_EveryInvoiceCreatedAndQboLimitsNeverExceeded(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "8" });
        await world.AddFaultAsync(new { method = "POST", entity = "invoice", faultType = "ThrottleExceeded", probability = 0.5, seed = 7 });
        var ids = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(5000 + i));
            ids.Add((await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!);
        }

        foreach (var id in ids)
        {
            await world.WaitForStatusAsync(id, PayloadStatus.Succeeded);
        }

        Assert.Equal(24, world.Invoices(Realm).Count);
        var realm = world.Connect.Sandbox.State.GetStats().Realms.Single(r => r.RealmId == Realm);
        Assert.True(realm.MaxConcurrency <= 10, $"max concurrency {realm.MaxConcurrency}");
        Assert.True(realm.PeakRequestsPerSecond <= 10, $"peak {realm.PeakRequestsPerSecond}/s");
    }

    [Theory, BothDatabases]
    public async Task QboValidationFault_FailsWithQbosCodeAndMessage(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        await world.AddFaultAsync(new { method = "POST", entity = "invoice", faultType = "ValidationFault", count = 1 });

        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(4004), wait: 20);
        var result = await PipelineWorld.DataAsync(response);

        Assert.Equal(PayloadStatus.Failed, result.GetProperty("status").GetString());
        Assert.False(result.GetProperty("processed").GetBoolean());
        Assert.StartsWith("QBO_", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var detail = await world.WaitForStatusAsync(result.GetProperty("payloadId").GetString()!, PayloadStatus.Failed);
        var log = detail.GetProperty("syncLogs").EnumerateArray().Last();
        Assert.False(string.IsNullOrEmpty(log.GetProperty("errorMessage").GetString()));
        Assert.Contains("\"code\"", log.GetProperty("responsePayload").GetString(), StringComparison.Ordinal);
        Assert.Empty(world.Invoices(Realm));
    }

    [Theory, BothDatabases]
    public async Task NoMapping_IsSkipped(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), sourceType: "unmapped-system");

        using var response = await world.SendAsync("""{"id":1,"anything":"goes"}""", wait: 20);
        var result = await PipelineWorld.DataAsync(response);

        Assert.Equal(PayloadStatus.Skipped, result.GetProperty("status").GetString());
        Assert.Equal("NO_MAPPING", result.GetProperty("reason").GetString());
    }

    [Theory, BothDatabases]
    public async Task NotConnected_WaitsThenSucceedsOnceTheOrganizationConnects(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false);

        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(6006));
        var payloadId = (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;
        await world.WaitForStatusAsync(payloadId, PayloadStatus.WaitingConnection);
        await world.Connect.ConnectAsync(world.Organization, world.ApiKey);

        await world.WaitForStatusAsync(payloadId, PayloadStatus.Succeeded);
        Assert.Single(world.Invoices(Realm));
    }

    [Theory, BothDatabases]
    public async Task Replay_FailedPayload_IsProcessedAgain_SucceededIsRefused(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        await world.AddFaultAsync(new { method = "POST", entity = "invoice", faultType = "ValidationFault", count = 1 });
        using var sent = await world.SendAsync(PipelineWorld.ShopifyOrder(7007));
        var payloadId = (await PipelineWorld.DataAsync(sent)).GetProperty("payloadId").GetString()!;
        await world.WaitForStatusAsync(payloadId, PayloadStatus.Failed);

        using var replay = await world.Client.PostAsync($"/api/v1/org/{world.Slug}/payloads/{payloadId}/replay", null);
        await world.WaitForStatusAsync(payloadId, PayloadStatus.Succeeded);
        using var again = await world.Client.PostAsync($"/api/v1/org/{world.Slug}/payloads/{payloadId}/replay", null);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(world.Invoices(Realm));
    }
}
