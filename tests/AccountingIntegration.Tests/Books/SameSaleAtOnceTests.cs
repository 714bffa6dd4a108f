using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Two events of one order arrive together (Shopify sends orders/create and orders/paid within a second of each other
/// for an order paid at checkout), and two workers take them up at once. Each read the ledger before the other had
/// linked the sale, so each created the order's invoice: one order, booked twice. The sandbox holds every create for a
/// while, so both attempts are inside their first create when either could have linked the sale. Now the second waits
/// its turn, and the first one's outcome wakes it.
/// </summary>
public sealed class SameSaleAtOnceTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task OrderCreatedAndPaid_TakenUpAtOnce_BookOneInvoiceAndItsPayment(DatabaseKind kind)
    {
        var logs = new LogCapture();
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", overrides: logs.Install);
        await HoldCreatesAsync(world);
        var placed = JsonNode.Parse(PipelineWorld.ShopifyOrder())!.AsObject();
        var paid = placed.DeepClone().AsObject();
        paid["financial_status"] = "paid";
        paid["total_outstanding"] = "0.00";

        var ids = await Task.WhenAll(
            SendAsync(world, placed, "orders/create"),
            SendAsync(world, paid, "orders/paid"));
        var outcomes = new[] { await world.SettledAsync(ids[0]), await world.SettledAsync(ids[1]) };

        Assert.All(outcomes, outcome => Assert.Equal(PayloadStatus.Succeeded, outcome.Status));
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(Delivery.Amount(placed["total_price"]), (decimal)invoice["TotalAmt"]!);
        Assert.Equal(0m, (decimal)invoice["Balance"]!);
        Assert.Equal((string?)invoice["Id"], (string?)Assert.Single(world.Entities("Payment"))["Line"]![0]!["LinkedTxn"]![0]!["TxnId"]);
        Assert.All(outcomes, outcome => Assert.Equal((string?)invoice["Id"], outcome.DocumentId));

        // The second waited its turn: tried again once the first was booked, and the wait was not counted as an attempt.
        var waited = Assert.Single(outcomes, outcome => Logs(outcome).Any(log => log.GetProperty("errorCode").GetString() == OutcomeCodes.SaleBusy));
        Assert.Equal(PayloadStatus.Retrying, Logs(waited)[0].GetProperty("status").GetString());
        Assert.Equal(1, waited.Detail.GetProperty("payload").GetProperty("attempts").GetInt32());
        // It was woken by the first one's outcome, which released the turn, rather than left to its retry time.
        Assert.Contains(logs.Lines, line => line.Contains("payloads that waited for the sale turn of payload", StringComparison.Ordinal));
    }

    private static List<JsonElement> Logs(Delivered outcome) => [.. outcome.Detail.GetProperty("syncLogs").EnumerateArray()];

    /// <summary>Every create waits two seconds of the sandbox's clock, alone or in a batch.</summary>
    internal static async Task HoldCreatesAsync(PipelineWorld world)
    {
        foreach (var entity in new[] { "invoice", "payment", "salesreceipt", "batch" })
        {
            await world.AddFaultAsync(new { method = "POST", entity, latencyMs = 2000 });
        }
    }

    private static Task<string> SendAsync(PipelineWorld world, JsonObject order, string topic) =>
        world.SendForPayloadIdAsync(order.ToJsonString(), Delivery.Topic(ShopifyBookingTests.TopicHeader, topic));
}
