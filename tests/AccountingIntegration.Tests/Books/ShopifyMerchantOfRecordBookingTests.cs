using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Shopify orders sold through Managed Markets, end to end: <c>merchant_of_record_app_id</c> names the app (Global-e) that
/// sold to the buyer and remits the taxes and duties. None of that tax is the company's: the lines are booked net and out of
/// scope of its tax return, and the tax and duties on the merchant of record's clearing account, whichever country the
/// company is in; a return gives its tax back there too.
/// </summary>
public sealed class ShopifyMerchantOfRecordBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string Clearing = "Tax Collected by Merchant of Record";
    private static readonly IReadOnlyDictionary<string, string> OrderCreated = Delivery.Topic("X-Shopify-Topic", "orders/create");

    /// <summary>
    /// A UK shop's order through Managed Markets, its prices including VAT: three boots at 75.00 (37.50 of VAT inside) and a tea
    /// towel at 8.50 (1.42 inside), with 10.00 of import duties, 243.50 in all. The lines go in net (187.50 and 7.08) at "No VAT",
    /// VAT Control is untouched and the clearing account holds the 38.92 of VAT and the duties. The boots returned with their
    /// 37.50 of VAT and the duties give both back to the clearing account, not to VAT Control or income.
    /// </summary>
    [Theory, BothDatabases]
    public async Task UkShop_TaxInclusiveOrder_VatAndDutiesGoToTheClearingAccount_AndAReturnTakesItsVatBackFromThere(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "GB" });
        var order = ThroughManagedMarkets(RetaxedOrder.Create(7901, "GBP", 0.20m));
        order["taxes_included"] = true;
        (order["line_items"]![0]!["price"], order["line_items"]![0]!["tax_lines"]![0]!["price"]) = ("75.00", "37.50");
        AddTowel(order, 7902);
        WithDuties(order, 10.00m);
        SetTotals(order, subtotal: "233.50", tax: "38.92", total: "243.50");

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(243.50m, (decimal)invoice["TotalAmt"]!);
        Assert.Equal([187.50m, 7.08m, 10.00m, 38.92m], AmountsOf(invoice));
        Assert.All(CompanyRegimeBookingTests.CodesOf(invoice, taxCodes), code => Assert.Equal("No VAT", code));
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 48.92m, 194.58m), (ledger.GetValueOrDefault("VAT Control"), ledger[Clearing], ledger["Services"]));
        Assert.Contains("MERCHANT_OF_RECORD", sale.Detail.ToString());

        var refund = CompanyRegimeBookingTests.Refund(order, 7903, 235.00m, ("225.00", "37.50"));
        refund["duties"] = new JsonArray(new JsonObject { ["duty_id"] = 79031, ["amount_set"] = MoneyBag(10.00m, "GBP") });
        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal([187.50m, 10.00m, 37.50m], AmountsOf(receipt));
        Assert.All(CompanyRegimeBookingTests.CodesOf(receipt, taxCodes), code => Assert.Equal("No VAT", code));
        ledger = await world.LedgerAsync();
        Assert.Equal((0m, 1.42m, 7.08m), (ledger.GetValueOrDefault("VAT Control"), ledger[Clearing], ledger["Services"]));
    }

    /// <summary>
    /// A Canadian shop's order through Managed Markets to a buyer in Germany, at Germany's 19 %: the company has no code for
    /// that rate, and needs none, as the tax is not its own. It is booked, not refused, and GST/HST Payable is untouched.
    /// </summary>
    [Theory, BothDatabases]
    public async Task CanadianShop_OrderAtAForeignRate_IsBookedWithTheTaxOnTheClearingAccount(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        var order = ThroughManagedMarkets(RetaxedOrder.Create(7911, "CAD", 0.19m));

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(Delivery.Amount(order["total_price"]), (decimal)invoice["TotalAmt"]!);
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, Delivery.Amount(order["total_tax"])), (ledger.GetValueOrDefault("GST/HST Payable"), ledger[Clearing]));
    }

    /// <summary>
    /// A US shop's order through Managed Markets: no "Sales tax" line and no sales tax owed; the order's tax is on the clearing
    /// account, and the goods' lines are untaxed (NON).
    /// </summary>
    [Theory, BothDatabases]
    public async Task UsShop_TheOrdersTaxIsNotSalesTaxPayable(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var order = ThroughManagedMarkets(RetaxedOrder.Create(7921, "USD", 0.06m));

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(Delivery.Amount(order["total_price"]), (decimal)invoice["TotalAmt"]!);
        Assert.DoesNotContain(invoice["Line"]!.AsArray(), line => (string?)line!["Description"] == "Sales tax");
        var goods = invoice["Line"]!.AsArray().First(line => (string?)line!["DetailType"] == "SalesItemLineDetail")!;
        Assert.Equal("NON", (string?)goods["SalesItemLineDetail"]!["TaxCodeRef"]?["value"]);
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, Delivery.Amount(order["total_tax"])), (ledger.GetValueOrDefault("Sales Tax Payable"), ledger[Clearing]));
    }

    /// <summary>
    /// A US shop's order submitted by a marketplace channel that remits the sales tax itself: every tax line says
    /// <c>channel_liable</c>. The tax is the channel's to remit, not Sales Tax Payable's: it goes to the clearing account.
    /// </summary>
    [Theory, BothDatabases]
    public async Task UsShop_OrderWhoseChannelRemitsTheTax_TheTaxIsNotSalesTaxPayable(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var order = RetaxedOrder.Create(7931, "USD", 0.06m);
        foreach (var tax in order["tax_lines"]!.AsArray().Concat(order["line_items"]!.AsArray().SelectMany(line => line!["tax_lines"]!.AsArray())))
        {
            tax!["channel_liable"] = true;
        }

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(Delivery.Amount(order["total_price"]), (decimal)Assert.Single(world.Entities("Invoice"))["TotalAmt"]!);
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, Delivery.Amount(order["total_tax"])), (ledger.GetValueOrDefault("Sales Tax Payable"), ledger[Clearing]));
    }

    /// <summary>The order as Managed Markets sells it: the app acting as its merchant of record named.</summary>
    private static JsonObject ThroughManagedMarkets(JsonObject order)
    {
        order["merchant_of_record_app_id"] = 3890849;
        return order;
    }

    private static void AddTowel(JsonObject order, long id)
    {
        var towel = order["line_items"]![0]!.DeepClone().AsObject();
        (towel["id"], towel["name"], towel["title"], towel["price"], towel["sku"], towel["product_id"]) = (id, "Tea towel", "Tea towel", "8.50", "TOWEL", id);
        (towel["quantity"], towel["current_quantity"], towel["fulfillable_quantity"]) = (1, 1, 1);
        towel["tax_lines"] = new JsonArray(new JsonObject { ["title"] = "VAT", ["rate"] = 0.20m, ["price"] = "1.42" });
        order["line_items"]!.AsArray().Add(towel);
    }

    /// <summary>Import duties the buyer paid, as Shopify states them: a MoneyBag in the shop's and the buyer's currency.</summary>
    private static void WithDuties(JsonObject order, decimal duties)
    {
        foreach (var field in new[] { "original_total_duties_set", "current_total_duties_set" })
        {
            order[field] = MoneyBag(duties, (string)order["currency"]!);
        }
    }

    private static JsonObject MoneyBag(decimal amount, string currency)
    {
        var text = amount.ToString("0.00", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["shop_money"] = new JsonObject { ["amount"] = text, ["currency_code"] = currency },
            ["presentment_money"] = new JsonObject { ["amount"] = text, ["currency_code"] = currency },
        };
    }

    private static void SetTotals(JsonObject order, string subtotal, string tax, string total)
    {
        (order["subtotal_price"], order["current_subtotal_price"]) = (subtotal, subtotal);
        (order["total_tax"], order["current_total_tax"]) = (tax, tax);
        (order["total_price"], order["current_total_price"]) = (total, total);
        order["tax_lines"]![0]!["price"] = tax;
    }

    private static List<decimal> AmountsOf(JsonObject document) =>
        [.. document["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail").Select(l => (decimal)l!["Amount"]!)];
}
