using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>An organization's own choice of document per event, from its override's eventActions.</summary>
public sealed class EventActionBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task OverrideChoosingSalesReceipt_BooksThePaidInvoiceAsOneSalesReceipt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await OverrideAsync(world, """{"invoice.paid": "sales_receipt"}""");
        var total = Delivery.Cents(Delivery.Fixture("stripe/invoice.paid.json")["data"]!["object"]!["total"]);

        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var receipt = Assert.Single(world.Entities("SalesReceipt"));
        Assert.Equal(total, (decimal)receipt["TotalAmt"]!);
        Assert.Empty(world.Entities("Invoice"));
        Assert.Empty(world.Entities("Payment"));
        Assert.Equal(total, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    [Theory, BothDatabases]
    public async Task OverrideIgnoringSales_SkipsThemWithTheReason(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await OverrideAsync(world, """{"sale": "ignore"}""");

        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");

        Assert.Equal(PayloadStatus.Skipped, sale.Status);
        Assert.StartsWith("EVENT_IGNORED", sale.LastError);
        Assert.Empty(world.Entities("Invoice"));
    }

    [Theory, BothDatabases]
    public async Task ChoiceThatDoesNotFitWhatTheEventMeans_FallsBackToItsMeaning(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        // orders/create is set to a sales receipt, but this order was cancelled before it was booked: a cancellation, not a sale.
        await OverrideAsync(world, """{"orders/create": "sales_receipt"}""");

        var cancelled = await world.DeliverFixtureAsync("shopify/orders-create.json", Delivery.Topic("X-Shopify-Topic", "orders/create"));
        var paidOrder = RetaxedOrder.Create(7100, "USD", 0.06m);
        var sale = await world.DeliverAsync(paidOrder.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "orders/create"));

        Assert.Equal(PayloadStatus.Skipped, cancelled.Status);
        Assert.Contains("nothing to void", cancelled.LastError);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(Delivery.Amount(paidOrder["total_price"]), (decimal)Assert.Single(world.Entities("SalesReceipt"))["TotalAmt"]!);
    }

    [Theory, BothDatabases]
    public async Task OverrideHeaderFields_GoOnTheSaleDocument_ButNeverWhatTheBooksOwn(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var invoiceJson = Delivery.Fixture("stripe/invoice.paid.json")["data"]!["object"]!;
        await OverrideAsync(world, "{}",
            """[{"qboField": "DocNumber", "sourceField": "data.object.number", "transformation": "concat:ST-"}]""",
            """{"CustomerMemo.value": "Thank you for your business", "CurrencyRef.value": "EUR"}""");

        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal("ST-" + (string)invoiceJson["number"]!, (string?)invoice["DocNumber"]);
        Assert.Equal("Thank you for your business", (string?)invoice["CustomerMemo"]!["value"]);
        // The currency is the vendor's (the layer's CurrencyRef is ignored), and so is the total.
        Assert.NotEqual("EUR", (string?)invoice["CurrencyRef"]?["value"]);
        Assert.Equal(Delivery.Cents(invoiceJson["total"]), (decimal)invoice["TotalAmt"]!);
        // The payment is not the sale's document: the header is not on it.
        Assert.Null(Assert.Single(world.Entities("Payment"))["CustomerMemo"]);
    }

    private static async Task OverrideAsync(PipelineWorld world, string eventActions, string fieldMappings = "[]", string staticValues = "{}")
    {
        await world.Services.GetRequiredService<MappingStore>().CreateOverrideAsync(
            world.Organization.OrganizationId, null, "books choice", fieldMappings, staticValues, 10, default, eventActions);
        world.Services.GetRequiredService<MappingCache>().InvalidateAll();
    }
}
