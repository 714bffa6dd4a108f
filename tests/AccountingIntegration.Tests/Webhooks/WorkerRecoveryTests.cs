using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>Crashes and scale-out: nothing accepted is lost, nothing is invoiced twice.</summary>
public sealed class WorkerRecoveryTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly string Realm = SandboxState.FirstRealmId;

    /// <summary>
    /// A host that died mid-batch leaves exactly this behind: payloads leased to it, and for some
    /// of them an invoice QBO already created with the payload's requestid. A fresh host must
    /// finish every payload and must not create those invoices again.
    /// </summary>
    [Theory, BothDatabases]
    public async Task HostDiedMidBatch_AnotherHostFinishesEveryPayloadWithoutDuplicates(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind),
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0", ["QBO_REQUEST_TIMEOUT_SECONDS"] = "5", ["WORKER_LEASE_SECONDS"] = "30" });
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(8000 + i));
            ids.Add((await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!);
        }

        var queue = world.Services.GetRequiredService<WebhookQueueStore>();
        var dead = await queue.ClaimDueAsync("crashed-host", 5, TimeSpan.FromSeconds(2), default);
        var token = await world.Services.GetRequiredService<TokenManager>().GetValidTokenAsync(world.Organization.OrganizationId, default);
        var qbo = world.Services.GetRequiredService<QboClient>();
        foreach (var claim in dead.Take(2))
        {
            // The crashed host got as far as QBO committing the order's invoice, then died before recording it.
            await qbo.CreateInvoiceAsync(new QboCredentials(token.RealmId, token.AccessToken), MinimalInvoice(),
                BookingExecutor.RequestId(claim.PayloadId, DocumentPlanner.SaleRole), default);
        }

        await using var survivor = await world.StartHostAsync(new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "4" });
        foreach (var id in ids)
        {
            await world.WaitForStatusAsync(id, PayloadStatus.Succeeded);
        }

        Assert.Equal(10, world.Invoices(Realm).Count);
        var invoiceIds = new List<string>();
        foreach (var id in ids)
        {
            var detail = (await world.Client.GetFromJsonAsync<JsonElement>($"/api/v1/org/{world.Slug}/payloads/{id}")).GetProperty("data");
            invoiceIds.Add(detail.GetProperty("payload").GetProperty("invoiceId").GetString()!);
        }

        Assert.Equal(10, invoiceIds.Distinct().Count());
    }

    [Fact]
    public async Task TwoHostsOnOneMariaDb_NeverProcessAPayloadTwiceOrAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        await using var world = await PipelineWorld.StartAsync(database, settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "3" });
        await using var second = await world.StartHostAsync(new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "3" });
        using var secondClient = new HttpClient { BaseAddress = second.BaseAddress };
        secondClient.DefaultRequestHeaders.Add("X-API-Key", world.ApiKey);
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var client = i % 2 == 0 ? world.Client : secondClient;
            using var response = await client.PostAsync($"/api/v1/webhook/{world.Slug}", new StringContent(PipelineWorld.ShopifyOrder(9000 + i), System.Text.Encoding.UTF8, "application/json"));
            ids.Add((await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!);
        }

        foreach (var id in ids)
        {
            await world.WaitForStatusAsync(id, PayloadStatus.Succeeded);
        }

        Assert.Equal(40, world.Invoices(Realm).Count);
        var syncLogs = world.Services.GetRequiredService<SyncLogStore>();
        foreach (var id in ids)
        {
            // Two instances each keep QBO's per-company limits, so together they may meet 429s and
            // retry; what must never happen is two attempts at once or two successes for one payload.
            var logs = await syncLogs.ListByPayloadAsync(world.Organization.OrganizationId, id, default);
            Assert.Single(logs, l => l.Status == PayloadStatus.Succeeded);
            Assert.Equal(Enumerable.Range(1, logs.Count), logs.Select(l => l.Attempt).Order());
        }
    }

    [Theory, BothDatabases]
    public async Task PoisonPayload_FailingUnexpectedly_BacksOffAndEndsDeadInsteadOfLoopingForever(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind),
            settings: new Dictionary<string, string> { ["WEBHOOK_MAX_ATTEMPTS"] = "2" });
        // The API never stores a body that is not JSON; a damaged row (restored from a bad backup, say) can.
        var accepted = await world.Services.GetRequiredService<WebhookStore>().CreatePayloadAsync(new NewPayload
        {
            OrganizationId = world.Organization.OrganizationId,
            SourceId = world.Source.SourceId,
            RawPayload = "{ damaged",
        }, default);

        var detail = await world.WaitForStatusAsync(accepted.PayloadId, PayloadStatus.Dead);

        var logs = detail.GetProperty("syncLogs").EnumerateArray().ToList();
        Assert.Equal(2, logs.Count);
        Assert.All(logs, l => Assert.Equal("INTERNAL_ERROR", l.GetProperty("errorCode").GetString()));
    }

    private static JsonObject MinimalInvoice() => new()
    {
        ["CustomerRef"] = new JsonObject { ["value"] = "1" },
        ["Line"] = new JsonArray(new JsonObject
        {
            ["DetailType"] = "SalesItemLineDetail",
            ["Amount"] = 10m,
            ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = "1" } },
        }),
    };
}
