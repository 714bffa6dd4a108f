using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.Admin.Keys;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>The mapping preview of a vendor source: the documents an event would book, their links and the totals check, without calling QBO.</summary>
public sealed partial class BookingPreviewTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Preview_PaidInvoice_ShowsTheInvoiceAndItsPayment_AndBooksNothing_ReadingTheRegimeOnce(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);
        var total = Delivery.Cents(Delivery.Fixture("stripe/invoice.paid.json")["data"]!["object"]!["total"]);
        var requests = world.Connect.Sandbox.State.GetStats().Realms.Sum(r => r.Requests);

        var books = await PreviewAsync(admin, world, Delivery.Fixture("stripe/invoice.paid.json"));

        Assert.Equal("ready", books.GetProperty("status").GetString());
        Assert.Equal("sale", books.GetProperty("meaning").GetString());
        var documents = books.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(["Invoice", "Payment"], documents.Select(d => d.GetProperty("entityType").GetString()));
        Assert.Equal(total, documents[0].GetProperty("total").GetDecimal());
        Assert.Equal("{{customer}}", documents[0].GetProperty("body").GetProperty("CustomerRef").GetProperty("value").GetString());
        var totals = books.GetProperty("totals");
        Assert.Equal((total, total, true), (totals.GetProperty("source").GetDecimal(), totals.GetProperty("booked").GetDecimal(), totals.GetProperty("equal").GetBoolean()));
        // Before any booking the connected company's regime is read (a few reads), then kept: a second preview asks nothing.
        Assert.Equal("read from the connected company just now", books.GetProperty("regime").GetProperty("source").GetString());
        var afterFirst = world.Connect.Sandbox.State.GetStats().Realms.Sum(r => r.Requests);
        Assert.InRange(afterFirst - requests, 1, 4);
        var again = await PreviewAsync(admin, world, Delivery.Fixture("stripe/invoice.paid.json"));
        Assert.StartsWith("read from the connected company 0 min ago", again.GetProperty("regime").GetProperty("source").GetString());
        Assert.Equal(afterFirst, world.Connect.Sandbox.State.GetStats().Realms.Sum(r => r.Requests));
        Assert.Empty(world.Entities("Invoice"));
    }

    [Theory, BothDatabases]
    public async Task Preview_WithoutAConnection_AssumesAUsCompanyAndSaysWhy(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe", connect: false);
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);

        var books = await PreviewAsync(admin, world, Delivery.Fixture("stripe/invoice.paid.json"));

        Assert.Equal("ready", books.GetProperty("status").GetString());
        Assert.Equal("assumed (a US company without sales tax): the organization has no usable QuickBooks connection",
            books.GetProperty("regime").GetProperty("source").GetString());
    }

    [Theory, BothDatabases]
    public async Task Preview_Refund_WaitsBeforeItsSale_ThenLinksToTheBookedInvoice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);
        var refund = Delivery.Fixture("stripe/charge.refunded.json");

        var before = await PreviewAsync(admin, world, refund);
        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        var after = await PreviewAsync(admin, world, refund);
        var ignored = await PreviewAsync(admin, world, Delivery.Fixture("stripe/invoice.payment_failed.json"));

        Assert.Equal("waiting", before.GetProperty("status").GetString());
        Assert.Contains("ch_000000000000000000000000", before.GetProperty("reason").GetString());
        Assert.Equal("ready", after.GetProperty("status").GetString());
        Assert.Equal(sale.DocumentId, after.GetProperty("sale").GetProperty("id").GetString());
        var receipt = Assert.Single(after.GetProperty("documents").EnumerateArray());
        Assert.Equal("RefundReceipt", receipt.GetProperty("entityType").GetString());
        Assert.Equal($"Invoice {sale.DocumentId} (the sale)", Assert.Single(receipt.GetProperty("linksTo").EnumerateArray()).GetString());
        Assert.StartsWith("read from the connected company", after.GetProperty("regime").GetProperty("source").GetString());
        Assert.Equal("ignored", ignored.GetProperty("status").GetString());
        Assert.Empty(world.Entities("RefundReceipt"));
    }

    /// <summary>A refund that failed after it was booked: the preview names the refund receipt that would be deleted, and deletes nothing.</summary>
    [Theory, BothDatabases]
    public async Task Preview_RefundFailedAfterItWasBooked_NamesTheRefundReceiptItWouldDelete(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);
        await world.DeliverFixtureAsync("stripe/invoice.paid.json");
        var refund = await world.DeliverFixtureAsync("stripe/charge.refunded.json");
        Assert.True(refund.Status == PayloadStatus.Succeeded, refund.ToString());
        var failed = JsonNode.Parse("""
            {
              "id": "evt_000000000000000000000000", "object": "event", "api_version": "2020-08-27", "created": 1648406400, "type": "refund.failed",
              "data": { "object": {
                "id": "re_000000000000000000000000", "object": "refund", "amount": 100, "charge": "ch_000000000000000000000000",
                "created": 1648406400, "currency": "usd", "status": "failed", "failure_reason": "lost_or_stolen_card"
              } }
            }
            """)!;

        var preview = await PreviewAsync(admin, world, failed);

        Assert.Equal(("ready", "cancellation"), (preview.GetProperty("status").GetString(), preview.GetProperty("meaning").GetString()));
        var delete = Assert.Single(preview.GetProperty("documents").EnumerateArray());
        Assert.Equal(("RefundReceipt", "delete", "undone:refund:re_000000000000000000000000"),
            (delete.GetProperty("entityType").GetString(), delete.GetProperty("operation").GetString(), delete.GetProperty("role").GetString()));
        Assert.Equal($"RefundReceipt {refund.DocumentId} (booked as refund:re_000000000000000000000000)",
            Assert.Single(delete.GetProperty("linksTo").EnumerateArray()).GetString());
        Assert.Single(world.Entities("RefundReceipt"));
    }

    /// <summary>
    /// A credit note voided after its credit to the customer's balance was booked: the preview lists the zero payment to
    /// void, the credit memo to delete and the customer balance invoice to void, each linked to what it takes back, and
    /// changes nothing.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Preview_CreditNoteVoidedAfterItsCreditWasBooked_NamesWhatItWouldTakeBack(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);
        await StripeCreditNoteBookingTests.BookPaidInvoiceAsync(world);
        var credited = await world.DeliverAsync(StripeCreditNoteBookingTests.OldCreditNote("evt_creditNote001").ToJsonString());
        Assert.True(credited.Status == PayloadStatus.Succeeded, credited.ToString());

        var preview = await PreviewAsync(admin, world, StripeCreditNoteBookingTests.VoidedCreditNote("evt_creditNoteVoided001"));

        Assert.Equal(("ready", "cancellation"), (preview.GetProperty("status").GetString(), preview.GetProperty("meaning").GetString()));
        const string Note = "cn_000000000000000000000001";
        Assert.Equal(
            [("Payment", "void", $"undone:credit-note:application:{Note}"), ("CreditMemo", "delete", $"undone:credit-note:credit:{Note}"), ("Invoice", "void", $"undone:credit-note:{Note}")],
            preview.GetProperty("documents").EnumerateArray()
                .Select(d => (d.GetProperty("entityType").GetString(), d.GetProperty("operation").GetString(), d.GetProperty("role").GetString())));
        var memo = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal($"CreditMemo {memo["Id"]} (booked as credit-note:credit:{Note})",
            Assert.Single(preview.GetProperty("documents")[1].GetProperty("linksTo").EnumerateArray()).GetString());
        Assert.Equal(21.60m, (await world.LedgerAsync())["Customer Balance Liability"]);
    }

    [Theory, BothDatabases]
    public async Task Preview_ShopifyTopicFromTheHeaders_AndAForeignCurrencyIsRefused(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);

        var cancelled = await PreviewAsync(admin, world, Delivery.Fixture("shopify/orders-cancelled.json"), new Dictionary<string, string> { ["X-Shopify-Topic"] = "orders/cancelled" });
        var euros = await PreviewAsync(admin, world, Delivery.Fixture("shopify/orders-create.eur-shop-tax.rest-docs.json"));

        Assert.Equal("orders/cancelled", cancelled.GetProperty("eventType").GetString());
        Assert.Equal("cancellation", cancelled.GetProperty("meaning").GetString());
        Assert.Equal("refused", euros.GetProperty("status").GetString());
        Assert.Equal("Currency", Assert.Single(euros.GetProperty("problems").EnumerateArray()).GetProperty("field").GetString());
    }

    internal static async Task<JsonElement> PreviewAsync(AdminHarness admin, PipelineWorld world, object payload, Dictionary<string, string>? headers = null)
    {
        using var response = await admin.Viewer.PostAsJsonAsync("/api/admin/mappings/preview",
            new { organizationId = world.Organization.OrganizationId, sourceId = world.Source.SourceId, payload, headers });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await AdminHarness.DataAsync(response);
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("invoice").ValueKind);
        var books = preview.GetProperty("books");
        Assert.Equal(preview.GetProperty("status").GetString(), books.GetProperty("status").GetString());
        return books;
    }
}
