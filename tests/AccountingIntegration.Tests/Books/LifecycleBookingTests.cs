using AccountingIntegration.Features.Books;
using System.Net;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Orders over their whole life, against the sandbox: a sale refunded in two parts, the same event twice, a crash
/// between a sale's documents, a replay. The company's receivables, income and undeposited funds must come out exactly
/// right, and nothing may be booked twice.
/// </summary>
public sealed class LifecycleBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task StripeCharge_PartlyRefundedThenRefundedInFull_BooksEachRefundOnce(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");

        var sale = await world.DeliverAsync(Charge("charge.succeeded", 10000).ToJsonString());
        var partly = await world.DeliverAsync(Charge("charge.refunded", 10000, ("re_first", 4000)).ToJsonString());
        // Stripe lists every refund so far: the first again, and the rest.
        var rest = await world.DeliverAsync(Charge("charge.refunded", 10000, ("re_first", 4000), ("re_rest", 6000)).ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.True(partly.Status == PayloadStatus.Succeeded, partly.ToString());
        Assert.True(rest.Status == PayloadStatus.Succeeded, rest.ToString());
        Assert.Equal([40.00m, 60.00m], world.Entities("RefundReceipt").Select(r => (decimal)r["TotalAmt"]!).Order());
        var ledger = await world.LedgerAsync();
        Assert.Equal(0m, ledger["Accounts Receivable (A/R)"]);
        Assert.Equal(0m, ledger["Undeposited Funds"]);
        Assert.Equal(0m, ledger.Where(a => a.Key.Contains("Income", StringComparison.Ordinal) || a.Key == "Services").Sum(a => a.Value));
    }

    [Theory, BothDatabases]
    public async Task SameEventDeliveredTwice_UnderDifferentDeliveryIds_BooksOneSale(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");

        var first = await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        var second = await world.DeliverFixtureAsync("stripe/invoice.paid.json");

        Assert.Equal(PayloadStatus.Succeeded, second.Status);
        Assert.Equal(first.DocumentId, second.DocumentId);
        Assert.Single(world.Entities("Invoice"));
        // The link keeps the SyncToken QBO gave the invoice when it was created (the payment applied later moves QBO's on).
        var links = await world.Services.GetRequiredService<LedgerStore>().ListByDocumentAsync(world.Organization.OrganizationId, "Invoice", first.DocumentId!, default);
        Assert.All(links, link => Assert.Equal("0", link.SyncToken));
        Assert.Single(world.Entities("Payment"));
        var documents = JsonNode.Parse(second.Detail.GetProperty("syncLogs")[0].GetProperty("responsePayload").GetString()!)!["documents"]!.AsArray();
        Assert.All(documents, d => Assert.True((bool)d!["alreadyBooked"]!));
    }

    [Theory, BothDatabases]
    public async Task PaymentFailingAfterItsInvoice_IsRetried_WithoutASecondInvoice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        // More 500s than the HTTP client retries: the attempt ends after the invoice, before its payment.
        await world.AddFaultAsync(new { method = "POST", entity = "payment", status = 500, count = 4 });

        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        var done = sale.Status == PayloadStatus.Succeeded ? sale : await world.SettledAsync(sale.PayloadId, PayloadStatus.Succeeded);

        Assert.Single(world.Entities("Invoice"));
        Assert.Single(world.Entities("Payment"));
        Assert.Equal(0m, (decimal)world.Entities("Invoice")[0]["Balance"]!);
        var logs = done.Detail.GetProperty("syncLogs").EnumerateArray().ToList();
        Assert.Contains(PayloadStatus.Retrying, logs.Select(l => l.GetProperty("status").GetString()));
        // The failed attempt's outcome linked the invoice it had booked, so the retry took it from the ledger:
        // already booked, without asking QBO for it by fingerprint.
        var succeeded = logs.Single(l => l.GetProperty("status").GetString() == PayloadStatus.Succeeded);
        var documents = JsonNode.Parse(succeeded.GetProperty("responsePayload").GetString()!)!["documents"]!.AsArray();
        var invoice = Assert.Single(documents, d => (string?)d!["entityType"] == "Invoice");
        Assert.True((bool)invoice!["alreadyBooked"]!);
        Assert.DoesNotContain("FOUND_BY_FINGERPRINT", succeeded.GetProperty("errorMessage").GetString() ?? string.Empty);
    }

    [Theory, BothDatabases]
    public async Task ReplayOfAFailedSale_BooksOnlyWhatIsMissing_AndASucceededOneIsRefused(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        // QBO refuses the payment once, for good: the invoice stands, the payload fails.
        await world.AddFaultAsync(new { method = "POST", entity = "payment", faultType = "ValidationFault", count = 1 });

        var failed = await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        Assert.Equal(PayloadStatus.Failed, failed.Status);
        Assert.Single(world.Entities("Invoice"));
        Assert.Empty(world.Entities("Payment"));

        using var replay = await world.Client.PostAsync($"/api/v1/org/{world.Slug}/payloads/{failed.PayloadId}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var replayed = await world.SettledAsync(failed.PayloadId, PayloadStatus.Succeeded);

        Assert.Single(world.Entities("Invoice"));
        Assert.Single(world.Entities("Payment"));
        Assert.Equal(0m, (decimal)world.Entities("Invoice")[0]["Balance"]!);
        using var again = await world.Client.PostAsync($"/api/v1/org/{world.Slug}/payloads/{replayed.PayloadId}/replay", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(world.Entities("Payment"));
    }

    /// <summary>Stripe's charge.refunded sample as a charge of <paramref name="cents"/> with the given refunds (cumulative, as Stripe lists them).</summary>
    private static JsonObject Charge(string type, long cents, params (string Id, long Cents)[] refunds)
    {
        var evt = Delivery.Fixture("stripe/charge.refunded.json");
        evt["id"] = "evt_" + Guid.NewGuid().ToString("N");
        evt["type"] = type;
        var charge = evt["data"]!["object"]!.AsObject();
        charge["id"] = "ch_lifecycle";
        charge["amount"] = cents;
        charge["amount_captured"] = cents;
        var refunded = refunds.Sum(r => r.Cents);
        charge["amount_refunded"] = refunded;
        charge["refunded"] = refunded == cents;
        var template = charge["refunds"]!["data"]![0]!.AsObject();
        charge["refunds"]!["data"] = new JsonArray([.. refunds.Select(r =>
        {
            var refund = template.DeepClone().AsObject();
            refund["id"] = r.Id;
            refund["amount"] = r.Cents;
            refund["charge"] = "ch_lifecycle";
            return (JsonNode)refund;
        })]);
        charge["refunds"]!["total_count"] = refunds.Length;
        return evt;
    }
}
