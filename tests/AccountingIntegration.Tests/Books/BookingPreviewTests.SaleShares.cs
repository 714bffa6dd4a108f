using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.Admin.Keys;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Events booked as a share of their sale's lines and tax, which booking reads again from the payload that booked the
/// sale: the preview reads them so too, and shows the documents booking then posts.
/// </summary>
public sealed partial class BookingPreviewTests
{
    /// <summary>
    /// The Ontario order of <see cref="ShopifyCancellationBookingTests.DepositPaidThenCancelled_CreditsTheUnpaidRestAtItsTaxCode_AndKeepsTheDeposit"/>
    /// (254.22 with 29.25 of HST, 100.00 paid) previewed as cancelled: the credit memo is the unpaid share of its lines and
    /// tax (136.48 of goods at the HST code, 17.74 of HST), as booking it then posts, not one untaxed line; and the preview
    /// books nothing.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Preview_CancellationOfAnInvoicePaidInPart_CreditsTheUnpaidShareOfItsLinesAndTax_AsBookingDoes(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);
        var order = RetaxedOrder.Create(7311, "CAD", 0.13m);
        order["financial_status"] = "partially_paid";
        order["total_outstanding"] = "154.22";
        var sale = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic(ShopifyBookingTests.TopicHeader, "orders/create"));
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        order["cancelled_at"] = "2024-10-05T21:30:00-05:00";
        var cancelled = new Dictionary<string, string> { [ShopifyBookingTests.TopicHeader] = "orders/cancelled" };
        var ledger = await world.LedgerAsync();

        var preview = await PreviewAsync(admin, world, order, cancelled);

        Assert.Equal(("ready", "cancellation"), (preview.GetProperty("status").GetString(), preview.GetProperty("meaning").GetString()));
        Assert.DoesNotContain(preview.GetProperty("notes").EnumerateArray(), note => note.GetString()!.StartsWith("CANCELLATION_UNTAXED", StringComparison.Ordinal));
        var previewed = Assert.Single(preview.GetProperty("documents").EnumerateArray(), d => d.GetProperty("entityType").GetString() == "CreditMemo");
        Assert.Equal(154.22m, previewed.GetProperty("total").GetDecimal());
        Assert.Empty(world.Entities("CreditMemo"));
        Assert.Equal(ledger, await world.LedgerAsync());

        var booked = await world.DeliverAsync(order.ToJsonString(), cancelled);

        Assert.True(booked.Status == PayloadStatus.Succeeded, booked.ToString());
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal([136.48m], ItemLineAmounts(credit));
        Assert.Equal(ItemLineAmounts(credit), ItemLineAmounts(JsonNode.Parse(previewed.GetProperty("body").GetRawText())!.AsObject()));
        Assert.Equal((decimal)credit["TotalAmt"]!, previewed.GetProperty("total").GetDecimal());
    }

    /// <summary>
    /// A Stripe refund states only its amount: 10.00 of the taxed invoice (30.00 and 2.48 of tax) is booked as its share,
    /// 9.24 of the service and 0.76 of tax. The preview shows that share, as booking then posts, not one untaxed line.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Preview_RefundOfAnAmountAlone_IsItsShareOfTheSalesLinesAndTax_AsBookingDoes(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);
        await StripeBookingTests.BookTaxedInvoiceAsync(world);
        var refund = Delivery.Fixture("stripe/charge.refunded.json");
        var charge = refund["data"]!["object"]!;
        (charge["amount"], charge["amount_captured"], charge["amount_refunded"], charge["refunded"]) = (3248, 3248, 1000, false);
        charge["refunds"]!["data"]![0]!["amount"] = 1000;

        var preview = await PreviewAsync(admin, world, refund);

        Assert.Equal("ready", preview.GetProperty("status").GetString());
        Assert.Contains(preview.GetProperty("notes").EnumerateArray(), note => note.GetString()!.Contains("states only its amount (10.00 of a 32.48 sale)", StringComparison.Ordinal));
        var previewed = Assert.Single(preview.GetProperty("documents").EnumerateArray());
        Assert.Equal(("RefundReceipt", 10.00m), (previewed.GetProperty("entityType").GetString(), previewed.GetProperty("total").GetDecimal()));
        Assert.Empty(world.Entities("RefundReceipt"));

        var booked = await world.DeliverAsync(refund.ToJsonString());

        Assert.True(booked.Status == PayloadStatus.Succeeded, booked.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        // The company books the invoice's tax on a line of its own, so the share's tax is a line too.
        Assert.Equal([9.24m, 0.76m], ItemLineAmounts(receipt));
        Assert.Equal(ItemLineAmounts(receipt), ItemLineAmounts(JsonNode.Parse(previewed.GetProperty("body").GetRawText())!.AsObject()));
    }

    /// <summary>The amounts of a document's item lines, in order.</summary>
    private static List<decimal> ItemLineAmounts(JsonObject document) =>
        [.. document["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail").Select(l => (decimal)l!["Amount"]!)];
}
