using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// The same orders booked in companies that keep their books differently: a Canadian company (GST/HST) and a UK company
/// (VAT) put a tax code on every line and owe exactly the order's tax; a US company with automated sales tax books the
/// order's own tax through QBO's override; a multicurrency company books a foreign order in its currency.
/// </summary>
public sealed class CompanyRegimeBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly IReadOnlyDictionary<string, string> OrderCreated = Delivery.Topic("X-Shopify-Topic", "orders/create");

    [Theory, BothDatabases]
    public Task CanadianCompany_GstHstCodeOnEveryLine_OwesTheOrdersTax(DatabaseKind kind) => BookInRegionAsync(kind, "CA", "CAD", 0.13m, "GST/HST Payable");

    [Theory, BothDatabases]
    public Task UnitedKingdomCompany_VatCodeOnEveryLine_OwesTheOrdersTax(DatabaseKind kind) => BookInRegionAsync(kind, "GB", "GBP", 0.20m, "VAT Control");

    /// <summary>A taxed and an untaxed order, each with a tax code on every line, owing exactly the order's tax.</summary>
    private async Task BookInRegionAsync(DatabaseKind kind, string country, string currency, decimal rate, string taxAccount)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = country });
        var taxed = RetaxedOrder.Create(7001, currency, rate);
        var untaxed = Delivery.Fixture("shopify/orders-create.discount-code.rest-docs.json");
        untaxed["currency"] = currency;

        var taxedSale = await world.DeliverAsync(taxed.ToJsonString(), OrderCreated);
        var untaxedSale = await world.DeliverAsync(untaxed.ToJsonString(), OrderCreated);

        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        foreach (var (sale, order) in new[] { (taxedSale, taxed), (untaxedSale, untaxed) })
        {
            Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
            var invoice = Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == sale.DocumentId);
            Assert.Equal(Delivery.Amount(order["total_price"]), (decimal)invoice["TotalAmt"]!);
            var itemLines = invoice["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail").ToList();
            Assert.NotEmpty(itemLines);
            Assert.All(itemLines, l => Assert.True(taxCodes.ContainsKey((string?)l!["SalesItemLineDetail"]!["TaxCodeRef"]?["value"] ?? string.Empty), l!.ToJsonString()));
            Assert.Equal(Delivery.Amount(order["total_tax"]), (decimal?)invoice["TxnTaxDetail"]?["TotalTax"] ?? 0m);
        }

        var ledger = await world.LedgerAsync();
        Assert.Equal(Delivery.Amount(taxed["total_tax"]), ledger[taxAccount]);
        // Both orders are paid but for what Shopify says is outstanding.
        Assert.Equal(Delivery.Amount(taxed["total_outstanding"]) + Delivery.Amount(untaxed["total_outstanding"]), ledger["Accounts Receivable (A/R)"]);
    }

    /// <summary>
    /// An Ontario order of boots at 13 % HST, returned with a 15.00 restocking fee kept: Shopify refunds the boots and their
    /// tax less the fee, which it records as a discrepancy stating no tax. The boots go back at their HST code with all
    /// their tax, and the fee kept is a line of its own, untaxed; the refund is not one line at a made-up 14.44 %.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShopifyReturnLessARestockingFee_GivesBackTheLinesTaxAndKeepsTheFeeOnALineOfItsOwn(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        var order = RetaxedOrder.Create(7501, "CAD", 0.13m);
        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        var refund = Refund(order, 7502, 239.22m, ("224.97", "29.25"));
        refund["order_adjustments"] = new JsonArray(new JsonObject
        {
            ["id"] = 7503, ["kind"] = "refund_discrepancy", ["reason"] = "Restocking fee", ["amount"] = "15.00", ["tax_amount"] = "0.00",
        });
        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((239.22m, 29.25m), ((decimal)receipt["TotalAmt"]!, (decimal)receipt["TxnTaxDetail"]!["TotalTax"]!));
        var lines = receipt["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail").ToList();
        Assert.Equal([224.97m, -15.00m], lines.Select(l => (decimal)l!["Amount"]!));
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        Assert.Equal(13m, world.Entities("TaxRate").Where(r => (string?)r["Name"] == "HST ON").Select(r => (decimal)r["RateValue"]!).Single());
        Assert.Contains("HST", CodesOf(receipt, taxCodes)[0], StringComparison.Ordinal);
        Assert.Equal(0m, (await world.LedgerAsync())["GST/HST Payable"]);
    }

    /// <summary>
    /// A UK order of three boots at 74.99 with 44.99 of VAT, returned two units, then the third. Shopify gives back each
    /// return's share of the line's VAT, 29.99 and the 15.00 left, where QBO's 20 % on the two units' 149.98 would be
    /// 30.00: the two units go back at 149.97, on which QBO's VAT is the 29.99 given back, and the rounding line takes the
    /// cent back. So once every unit is back, the company owes no VAT on them, not a cent either way.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShopifyReturnOfSomeUnits_GivesBackTheirShareOfTheLinesVat_SoAllUnitsBackOweNone(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "GB" });
        var order = RetaxedOrder.Create(7551, "GBP", 0.20m);
        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(44.99m, (await world.LedgerAsync())["VAT Control"]);

        var twoUnits = Refund(order, 7552, 179.97m, ("149.98", "29.99"));
        twoUnits["refund_line_items"]![0]!["quantity"] = 2;
        var first = await world.DeliverAsync(twoUnits.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(first.Status == PayloadStatus.Succeeded, first.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((179.97m, 29.99m), ((decimal)receipt["TotalAmt"]!, (decimal)receipt["TxnTaxDetail"]!["TotalTax"]!));
        var lines = receipt["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail").ToList();
        Assert.Equal([("Big Brown Bear Boots", 149.97m), ("Rounding", 0.01m)], lines.Select(l => ((string)l!["Description"]!, (decimal)l["Amount"]!)));
        Assert.Equal(15.00m, (await world.LedgerAsync())["VAT Control"]);

        var lastUnit = Refund(order, 7553, 89.99m, ("74.99", "15.00"));
        lastUnit["refund_line_items"]![0]!["quantity"] = 1;
        var second = await world.DeliverAsync(lastUnit.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(second.Status == PayloadStatus.Succeeded, second.ToString());
        Assert.Equal(0m, (await world.LedgerAsync())["VAT Control"]);
    }

    /// <summary>
    /// An Ontario order of three boots whose shop rounded their HST down, 29.24 where QBO's 13 % of 224.97 is 29.25: the
    /// invoice carries QBO's 29.25 and says so. All three boots come back, Shopify stating the 29.24 again: the line goes back
    /// whole, at its amount, so QBO takes back the 29.25 it took, and no HST is left owed on the order either way.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShopifyReturnOfAWholeLine_GivesBackTheTaxQboTookOnIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        var order = RetaxedOrder.Create(7561, "CAD", 0.13m);
        order["line_items"]![0]!["tax_lines"]![0]!["price"] = "29.24";
        order["tax_lines"]![0]!["price"] = "29.24";
        foreach (var (field, value) in new[] { ("total_tax", "29.24"), ("current_total_tax", "29.24"), ("total_price", "254.21"), ("current_total_price", "254.21") })
        {
            order[field] = value;
        }

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Contains("carries 29.25 of tax but the source says 29.24", sale.Detail.ToString(), StringComparison.Ordinal);

        var refunded = await world.DeliverAsync(Refund(order, 7562, 254.21m, ("224.97", "29.24")).ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((254.21m, 29.25m), ((decimal)receipt["TotalAmt"]!, (decimal)receipt["TxnTaxDetail"]!["TotalTax"]!));
        Assert.Equal(224.97m, receipt["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail").Select(l => (decimal)l!["Amount"]!).First());
        Assert.Equal(0m, (await world.LedgerAsync())["GST/HST Payable"]);
    }

    /// <summary>
    /// An Australian shop whose prices include GST sells boots (GST 20.45 inside 224.97) and a GST-free tea towel, then takes
    /// both back. Shopify states each returned line's subtotal with its GST inside: each goes back net of its own tax, at its
    /// own code, and exactly the sale's GST is given back, not a blended 9.6 % no code has.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShopifyReturnOfATaxedAndAGstFreeLine_InATaxInclusiveShop_GoesBackAtEachLinesCode(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "AU" });
        var order = RetaxedOrder.Create(7601, "AUD", 0.10m);
        order["taxes_included"] = true;
        order["line_items"]![0]!["tax_lines"]![0]!["price"] = "20.45";
        AddLine(order, 7602, "Tea towel", "8.50", [])["taxable"] = false;
        foreach (var field in new[] { "subtotal_price", "current_subtotal_price", "total_price", "current_total_price" })
        {
            order[field] = "233.47";
        }

        foreach (var field in new[] { "total_tax", "current_total_tax" })
        {
            order[field] = "20.45";
        }

        order["tax_lines"]![0]!["price"] = "20.45";
        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        var refund = Refund(order, 7603, 233.47m, ("224.97", "20.45"), ("8.50", "0.00"));
        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((233.47m, 20.45m), ((decimal)receipt["TotalAmt"]!, (decimal)receipt["TxnTaxDetail"]!["TotalTax"]!));
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(CodesOf(invoice, taxCodes), CodesOf(receipt, taxCodes));
        Assert.Equal(0m, (await world.LedgerAsync())["GST Liabilities Payable"]);
    }

    /// <summary>
    /// A UK shop whose prices include VAT sells boots (VAT 37.50 inside 225.00) and a tea towel (1.42 inside 8.50) on a
    /// 100.00 deposit, then takes the towel back for its 8.50, Shopify recording a refund_discrepancy beside it. The towel's
    /// subtotal holds its VAT, so the refund lists no more than its money: it goes back as the towel, net of its VAT, and
    /// not as a share of the whole order as a deposit refunded on cancellation is.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShopifyReturnOfALine_OnADepositInATaxInclusiveShop_GoesBackAsThatLine(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "GB" });
        var (order, towel) = TaxInclusiveUkOrder(7701);
        (order["financial_status"], order["total_outstanding"]) = ("partially_paid", "133.50");
        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(38.92m, (await world.LedgerAsync())["VAT Control"]);
        Assert.Equal(100.00m, (decimal)Assert.Single(world.Entities("Payment"))["TotalAmt"]!);

        var refund = Refund(order, 7703, 8.50m);
        refund["refund_line_items"] = new JsonArray(new JsonObject
        {
            ["id"] = 77030, ["quantity"] = 1, ["line_item_id"] = 7702, ["restock_type"] = "return", ["subtotal"] = "8.50", ["total_tax"] = "1.42",
            ["line_item"] = towel.DeepClone(),
        });
        refund["order_adjustments"] = new JsonArray(new JsonObject
        {
            ["id"] = 77031, ["order_id"] = 7701, ["refund_id"] = 7703, ["kind"] = "refund_discrepancy", ["reason"] = "Refund discrepancy",
            ["amount"] = "0.00", ["tax_amount"] = "0.00",
        });
        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((8.50m, 1.42m), ((decimal)receipt["TotalAmt"]!, (decimal)receipt["TxnTaxDetail"]!["TotalTax"]!));
        var invoice = Assert.Single(world.Entities("Invoice"));
        var towelItem = invoice["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail")
            .Select(l => (string?)l!["SalesItemLineDetail"]!["ItemRef"]!["value"]).Last();
        var returned = Assert.Single(receipt["Line"]!.AsArray(), l => (string?)l!["DetailType"] == "SalesItemLineDetail")!;
        Assert.Equal(towelItem, (string?)returned["SalesItemLineDetail"]!["ItemRef"]!["value"]);
        Assert.Equal(37.50m, (await world.LedgerAsync())["VAT Control"]);
    }

    /// <summary>
    /// The same UK shop, its prices including VAT, sells the boots and the towel paid in full (38.92 of VAT). The towel comes
    /// back with 5.00 more as goodwill (13.50 refunded), then the boots less a 15.00 restocking fee kept (210.00 refunded),
    /// Shopify recording each difference as a refund_discrepancy stating no tax. Each returned line's subtotal holds its VAT,
    /// though the lines no longer add up to the money: each goes back net of it, giving back exactly the VAT the refund line
    /// states, and the extra or the fee is a line of its own, untaxed. The books end where the money does: the goods' income
    /// is reversed exactly, the 10.00 kept is the income left, and no VAT is owed.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShopifyReturnsWithAnExtraOrAFeeKept_InATaxInclusiveShop_GiveBackEachLinesVatAndTheRestUntaxed(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "GB" });
        var (order, towel) = TaxInclusiveUkOrder(7801);
        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(38.92m, (await world.LedgerAsync())["VAT Control"]);
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);

        var goodwill = Refund(order, 7803, 13.50m);
        goodwill["refund_line_items"] = new JsonArray(new JsonObject
        {
            ["id"] = 78030, ["quantity"] = 1, ["line_item_id"] = 7802, ["restock_type"] = "return", ["subtotal"] = "8.50", ["total_tax"] = "1.42",
            ["line_item"] = towel.DeepClone(),
        });
        goodwill["order_adjustments"] = new JsonArray(new JsonObject
        {
            ["id"] = 78031, ["order_id"] = 7801, ["refund_id"] = 7803, ["kind"] = "refund_discrepancy", ["reason"] = "Refund discrepancy",
            ["amount"] = "-5.00", ["tax_amount"] = "0.00",
        });
        var givenMore = await world.DeliverAsync(goodwill.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(givenMore.Status == PayloadStatus.Succeeded, givenMore.ToString());
        var first = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((13.50m, 1.42m), ((decimal)first["TotalAmt"]!, (decimal)first["TxnTaxDetail"]!["TotalTax"]!));
        Assert.Equal([(7.08m, "20.0% S"), (5.00m, "0.0% Z")], ItemLinesOf(first, taxCodes));
        Assert.Equal(37.50m, (await world.LedgerAsync())["VAT Control"]);

        var restocked = Refund(order, 7804, 210.00m, ("225.00", "37.50"));
        restocked["order_adjustments"] = new JsonArray(new JsonObject
        {
            ["id"] = 78041, ["order_id"] = 7801, ["refund_id"] = 7804, ["kind"] = "refund_discrepancy", ["reason"] = "Restocking fee",
            ["amount"] = "15.00", ["tax_amount"] = "0.00",
        });
        var feeKept = await world.DeliverAsync(restocked.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(feeKept.Status == PayloadStatus.Succeeded, feeKept.ToString());
        var second = Assert.Single(world.Entities("RefundReceipt"), r => (string?)r["Id"] != (string?)first["Id"]);
        Assert.Equal((210.00m, 37.50m), ((decimal)second["TotalAmt"]!, (decimal)second["TxnTaxDetail"]!["TotalTax"]!));
        Assert.Equal([(187.50m, "20.0% S"), (-15.00m, "0.0% Z")], ItemLinesOf(second, taxCodes));
        // The goods' income is reversed exactly; the extra and the fee are on the default item, whose income keeps the 10.00.
        var extraItem = Assert.Single(world.Entities("Item"), i => (string?)i["Name"] == "Sales");
        var extraIncome = (string)Assert.Single(world.Entities("Account"), a => (string?)a["Id"] == (string?)extraItem["IncomeAccountRef"]!["value"])["Name"]!;
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 10.00m), (ledger["VAT Control"], ledger["Undeposited Funds"]));
        Assert.Equal((0m, 10.00m), (ledger["Sales of Product Income"], ledger[extraIncome]));
    }

    /// <summary>
    /// A UK order whose prices include VAT, of three boots at 75.00 (37.50 of VAT inside 225.00) and a tea towel at 8.50
    /// (1.42 inside), paid in full; and the towel's line item.
    /// </summary>
    private static (JsonObject Order, JsonObject Towel) TaxInclusiveUkOrder(long id)
    {
        var order = RetaxedOrder.Create(id, "GBP", 0.20m);
        order["taxes_included"] = true;
        (order["line_items"]![0]!["price"], order["line_items"]![0]!["tax_lines"]![0]!["price"]) = ("75.00", "37.50");
        var towel = AddLine(order, id + 1, "Tea towel", "8.50", new JsonArray(new JsonObject { ["title"] = "VAT", ["rate"] = 0.20m, ["price"] = "1.42" }));
        foreach (var field in new[] { "subtotal_price", "current_subtotal_price", "total_price", "current_total_price" })
        {
            order[field] = "233.50";
        }

        foreach (var field in new[] { "total_tax", "current_total_tax" })
        {
            order[field] = "38.92";
        }

        order["tax_lines"]![0]!["price"] = "38.92";
        return (order, towel);
    }

    /// <summary>The amount and tax code (by name) of each item line of a document, in order.</summary>
    private static List<(decimal, string)> ItemLinesOf(JsonObject document, IReadOnlyDictionary<string, string> taxCodes) =>
        [.. document["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail")
            .Select(l => ((decimal)l!["Amount"]!, taxCodes[(string)l["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!]))];

    /// <summary>
    /// A refunds/create body for <paramref name="order"/> returning its line items in order, each in full with the
    /// subtotal and tax stated, and one successful refund transaction of <paramref name="amount"/>.
    /// </summary>
    internal static JsonObject Refund(JsonObject order, long id, decimal amount, params (string Subtotal, string Tax)[] lines)
    {
        var refund = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        (refund["id"], refund["order_id"]) = (id, order["id"]!.DeepClone());
        var returned = new JsonArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = order["line_items"]![i]!;
            returned.Add(new JsonObject
            {
                ["id"] = id * 10 + i, ["line_item_id"] = line["id"]!.DeepClone(), ["quantity"] = line["quantity"]!.DeepClone(),
                ["subtotal"] = lines[i].Subtotal, ["total_tax"] = lines[i].Tax, ["line_item"] = line.DeepClone(),
            });
        }

        refund["refund_line_items"] = returned;
        refund["order_adjustments"] = new JsonArray();
        (refund["transactions"]![0]!["amount"], refund["transactions"]![0]!["currency"]) = (Delivery.Text(amount), (string?)order["currency"]);
        return refund;
    }

    /// <summary>
    /// A UK order of boots at 20 % and a child's coat Shopify taxes at a stated 0 %: the coat is a zero-rated sale. It takes
    /// the company's zero-rated code, which the VAT return counts, and not the order's 20 %, which QBO would charge on it.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ZeroRatedLine_InATaxedOrder_TakesTheZeroRatedCode_NotTheOrdersRate(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "GB" });
        var order = RetaxedOrder.Create(7007, "GBP", 0.20m);
        AddLine(order, 7008, "Child's coat", "30.00", new JsonArray(new JsonObject { ["title"] = "VAT", ["rate"] = 0.0m, ["price"] = "0.00" }));

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(["20.0% S", "0.0% Z"], CodesOf(invoice, taxCodes));
        Assert.Equal(Delivery.Amount(order["total_price"]), (decimal)invoice["TotalAmt"]!);
        Assert.Equal(Delivery.Amount(order["total_tax"]), (await world.LedgerAsync())["VAT Control"]);
    }

    /// <summary>
    /// An Ontario order of boots at 13 %, bread Shopify taxes at a stated 0 %, a card with no tax line at all (charged none,
    /// though taxable) and shipping at 13 %. The card is zero-rated like the bread, not taxed at the order's rate. A refund
    /// of the bread and of the shipping with its 1.30 of HST goes back at the codes their sale took: the bread zero-rated,
    /// the shipping with its tax, so the HST owed falls by exactly the shipping's.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShopifyRefundOfShippingAndAZeroRatedLine_GoesBackAtTheCodesItsSaleTook(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        var order = RetaxedOrder.Create(7201, "CAD", 0.13m);
        var bread = AddLine(order, 7202, "Bread", "5.00", new JsonArray(new JsonObject { ["title"] = "HST", ["rate"] = 0.0m, ["price"] = "0.00" }));
        AddLine(order, 7203, "Greeting card", "2.00", []);
        AddShipping(order, 7204, 10.00m, "HST", 0.13m);

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        Assert.Equal(["HST ON", "Zero-rated", "Zero-rated", "HST ON"], CodesOf(Assert.Single(world.Entities("Invoice")), taxCodes));
        var owed = Delivery.Amount(order["total_tax"]);
        Assert.Equal(owed, (await world.LedgerAsync())["GST/HST Payable"]);

        var refund = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        refund["order_id"] = 7201;
        refund["refund_line_items"] = new JsonArray(new JsonObject
        {
            ["id"] = 7205, ["quantity"] = 1, ["line_item_id"] = 7202, ["line_item"] = bread.DeepClone(), ["subtotal"] = "5.00", ["total_tax"] = "0.00",
        });
        refund["order_adjustments"] = new JsonArray(new JsonObject { ["id"] = 7206, ["kind"] = "shipping_refund", ["amount"] = "-10.00", ["tax_amount"] = "-1.30" });
        (refund["transactions"]![0]!["amount"], refund["transactions"]![0]!["currency"]) = ("16.30", "CAD");
        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(16.30m, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(["Zero-rated", "HST ON"], CodesOf(receipt, taxCodes));
        Assert.Equal(owed - 1.30m, (await world.LedgerAsync())["GST/HST Payable"]);
    }

    /// <summary>
    /// A UK order's shipping refunded alone (5.00 with 1.00 of VAT): the refund receipt carries the shipping and its VAT, and
    /// no goods line of 0.00 beside it.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShopifyRefundOfShippingAlone_CarriesOnlyTheShipping(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "GB" });
        var order = RetaxedOrder.Create(7401, "GBP", 0.20m);
        AddShipping(order, 7402, 5.00m, "VAT", 0.20m);

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var refund = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        refund["order_id"] = 7401;
        refund["refund_line_items"] = new JsonArray();
        refund["order_adjustments"] = new JsonArray(new JsonObject { ["id"] = 7403, ["kind"] = "shipping_refund", ["amount"] = "-5.00", ["tax_amount"] = "-1.00" });
        (refund["transactions"]![0]!["amount"], refund["transactions"]![0]!["currency"]) = ("6.00", "GBP");
        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((6.00m, 1.00m), ((decimal)receipt["TotalAmt"]!, (decimal)receipt["TxnTaxDetail"]!["TotalTax"]!));
        var line = Assert.Single(receipt["Line"]!.AsArray(), l => (string?)l!["DetailType"] == "SalesItemLineDetail")!;
        Assert.Equal(("Shipping refunded", 5.00m), ((string?)line["Description"], (decimal)line["Amount"]!));
    }

    /// <summary>
    /// A UK order of boots at 20 %, a book the shop does not charge VAT on (taxable: false) and a 2.00 tip. The book is a
    /// sale all the same, which the VAT return counts: it takes the zero-rated code, not "No VAT", which leaves it off box 6.
    /// The tip is no supply, and stays out of scope.
    /// </summary>
    [Theory, BothDatabases]
    public async Task UntaxedGoodsTakeTheZeroRatedCode_ATipStaysOutOfScope(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "GB" });
        var order = RetaxedOrder.Create(7301, "GBP", 0.20m);
        AddLine(order, 7302, "Paperback", "8.00", [])["taxable"] = false;
        order["total_tip_received"] = "2.00";
        foreach (var field in new[] { "total_price", "current_total_price" })
        {
            order[field] = (Delivery.Amount(order[field]) + 2.00m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        }

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(["20.0% S", "0.0% Z", "No VAT"], CodesOf(invoice, taxCodes));
        Assert.Equal(Delivery.Amount(order["total_price"]), (decimal)invoice["TotalAmt"]!);
    }

    /// <summary>
    /// A US company with manual sales tax; an order of boots taxed at 8 % (18.00) and a 50.00 untaxed service discounted by
    /// 20.00. QBO spreads a discount line over taxed and untaxed lines alike, which would tax 16.36 of the discount off the
    /// boots and leave 1.31 to refuse; the service carries its own discount instead, so QBO taxes the boots as the shop did.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ManualSalesTax_DiscountOnTheUntaxedLineAlone_StaysOnThatLine(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify",
            company: new CompanySettings { Country = "US", SalesTaxEnabled = true });
        var order = RetaxedOrder.Create(7401, "USD", 0.08m);
        var service = AddLine(order, 7402, "Fitting service", "50.00", []);
        service["taxable"] = false;
        service["discount_allocations"] = new JsonArray(new JsonObject { ["amount"] = "20.00", ["discount_application_index"] = 0 });
        foreach (var field in new[] { "subtotal_price", "current_subtotal_price", "total_price", "current_total_price" })
        {
            order[field] = Delivery.Text(Delivery.Amount(order[field]) - 20.00m);
        }

        (order["total_discounts"], order["current_total_discounts"]) = ("20.00", "20.00");

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((272.97m, 18.00m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["TxnTaxDetail"]!["TotalTax"]!));
        Assert.Equal([(224.97m, "TAX"), (30.00m, "NON")], invoice["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail")
            .Select(l => ((decimal)l!["Amount"]!, (string?)l["SalesItemLineDetail"]!["TaxCodeRef"]!["value"])));
        Assert.DoesNotContain(invoice["Line"]!.AsArray(), l => (string?)l!["DetailType"] == "DiscountLineDetail");
        Assert.Equal(18.00m, (await world.LedgerAsync())["Sales Tax Payable"]);
    }

    /// <summary>Adds a line item of one at <paramref name="price"/> with those tax lines, and its price to the order's totals.</summary>
    private static JsonObject AddLine(JsonObject order, long id, string name, string price, JsonArray taxLines)
    {
        var line = order["line_items"]![0]!.DeepClone().AsObject();
        (line["id"], line["name"], line["title"], line["price"], line["tax_lines"]) = (id, name, name, price, taxLines);
        (line["quantity"], line["current_quantity"], line["fulfillable_quantity"]) = (1, 1, 1);
        order["line_items"]!.AsArray().Add(line);
        foreach (var field in new[] { "total_line_items_price", "subtotal_price", "current_subtotal_price", "total_price", "current_total_price" })
        {
            order[field] = (Delivery.Amount(order[field]) + Delivery.Amount(price)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        }

        return line;
    }

    /// <summary>A standard shipping line of <paramref name="price"/>, taxed at <paramref name="rate"/>, added to the order's totals.</summary>
    private static void AddShipping(JsonObject order, long id, decimal price, string taxTitle, decimal rate)
    {
        var tax = Math.Round(price * rate, 2, MidpointRounding.AwayFromZero);
        order["shipping_lines"] = new JsonArray(new JsonObject
        {
            ["id"] = id, ["title"] = "Standard", ["price"] = Delivery.Text(price), ["discounted_price"] = Delivery.Text(price),
            ["tax_lines"] = new JsonArray(new JsonObject { ["title"] = taxTitle, ["rate"] = rate, ["price"] = Delivery.Text(tax) }),
        });
        foreach (var (field, more) in new[] { ("total_tax", tax), ("current_total_tax", tax), ("total_price", price + tax), ("current_total_price", price + tax) })
        {
            order[field] = Delivery.Text(Delivery.Amount(order[field]) + more);
        }
    }

    /// <summary>The tax code of each item line of a document, by name, in order.</summary>
    internal static List<string> CodesOf(JsonObject document, IReadOnlyDictionary<string, string> taxCodes) =>
        [.. document["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail")
            .Select(l => taxCodes[(string)l!["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!])];

    [Theory, BothDatabases]
    public async Task UnmappedRate_IsRefusedNamingTheRate_UntilTheOrganizationMapsIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        // 6 % is no Canadian rate: the company has no code for it.
        var order = RetaxedOrder.Create(7002, "CAD", 0.06m);

        var refused = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.Equal(PayloadStatus.Failed, refused.Status);
        Assert.StartsWith("BOOKING_REFUSED", refused.LastError);
        Assert.Contains("6%", refused.LastError);
        Assert.Empty(world.Entities("Invoice"));
    }

    /// <summary>
    /// Money given back without items, which Shopify records as an order adjustment that states its tax_amount (0.00): the
    /// refund gives back no tax, as Shopify's tax report says, rather than a share of the order's.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ShopifyRefundOfAnAmountAlone_WhoseAdjustmentStatesNoTax_GivesNoTaxBack(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify",
            company: new CompanySettings { Country = "US", SalesTaxEnabled = true, AutomatedSalesTax = true });
        var order = RetaxedOrder.Create(7004, "USD", 0.06m);
        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        var refund = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        refund["order_id"] = 7004;
        refund["refund_line_items"] = new JsonArray();
        refund["order_adjustments"] = new JsonArray(new JsonObject
        {
            ["id"] = 7005, ["order_id"] = 7004, ["refund_id"] = refund["id"]!.DeepClone(), ["kind"] = "refund_discrepancy",
            ["reason"] = "Refund discrepancy", ["amount"] = "-15.00", ["tax_amount"] = "0.00",
        });
        (refund["transactions"]![0]!["amount"], refund["transactions"]![0]!["currency"]) = ("15.00", "USD");
        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(15.00m, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(0m, (decimal?)receipt["TxnTaxDetail"]?["TotalTax"] ?? 0m);
        Assert.Equal(Delivery.Amount(order["total_tax"]), (await world.LedgerAsync())["Sales Tax Payable"]);
    }

    /// <summary>
    /// A UK Paddle sale of 39.96 with 6.66 of VAT, then a 9.99 refund of it, whose tax Paddle states to the penny (1.67 on
    /// 8.32). Paddle is the merchant of record: the VAT is its to remit, so neither the sale nor the refund touches the
    /// company's VAT Control or its return (the lines take `No VAT`); the VAT goes to and comes back from the clearing
    /// account the payout empties, exactly as Paddle stated it.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PaddlePartialRefund_GivesBackPaddlesVatAsStated_OutsideTheCompanysVat(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paddle", company: new CompanySettings { Country = "GB" });
        var transaction = PaddleGbpTransaction("external", (3330, 666));
        var data = transaction["data"]!.AsObject();
        var line = data["details"]!["line_items"]![0]!.AsObject();
        var sale = await world.DeliverAsync(transaction.ToJsonString());
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
        Assert.Equal(["No VAT", "No VAT"], CodesOf(Assert.Single(world.Entities("Invoice")), taxCodes));
        Assert.Equal((0m, 6.66m), await VatAndPaddlesAsync(world));

        var adjustment = Delivery.Fixture("paddle/adjustment.created.json");
        var refund = adjustment["data"]!.AsObject();
        (refund["transaction_id"], refund["status"], refund["currency_code"]) = (data["id"]!.DeepClone(), "approved", "GBP");
        refund["totals"] = new JsonObject { ["subtotal"] = "832", ["tax"] = "167", ["total"] = "999", ["currency_code"] = "GBP" };
        refund["items"]![0]!["item_id"] = line["id"]!.DeepClone();
        refund["items"]![0]!["amount"] = "999";
        refund["items"]![0]!["totals"] = new JsonObject { ["subtotal"] = "832", ["tax"] = "167", ["total"] = "999" };
        refund.Remove("payout_totals");
        var refunded = await world.DeliverAsync(adjustment.ToJsonString());

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(9.99m, (decimal)receipt["TotalAmt"]!);
        var returned = Assert.Single(receipt["Line"]!.AsArray(), l => (string?)l!["Description"] == "Refund")!;
        Assert.Equal(8.32m, (decimal)returned["Amount"]!);
        Assert.Equal(["No VAT", "No VAT"], CodesOf(receipt, taxCodes));
        Assert.DoesNotContain("TAX_DIFFERS", refunded.Detail.ToString());
        Assert.Equal((0m, 6.66m - 1.67m), await VatAndPaddlesAsync(world));
    }

    /// <summary>Each item line of a document: its item and amount, in order.</summary>
    private static IEnumerable<(string?, decimal)> ItemsOf(JsonObject document) => document["Line"]!.AsArray()
        .Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail")
        .Select(l => ((string?)l!["SalesItemLineDetail"]!["ItemRef"]!["value"], (decimal)l["Amount"]!));

    /// <summary>The company's VAT Control, and the clearing account of the VAT Paddle collects as the merchant of record.</summary>
    private static async Task<(decimal Vat, decimal Paddles)> VatAndPaddlesAsync(PipelineWorld world)
    {
        var ledger = await world.LedgerAsync();
        return (ledger.GetValueOrDefault("VAT Control"), ledger.GetValueOrDefault("Tax Collected by Merchant of Record"));
    }

    /// <summary>
    /// A UK Paddle sale of two products at prices that include 20 % VAT, then refunded in full. The refund states its amount
    /// and tax but no lines; it is the whole sale, so it is booked as the sale was, line for line: each product's income
    /// goes back, not a catch-all "Refund" line's, and Paddle's VAT leaves the clearing account it went to.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PaddleFullRefund_OfATaxInclusiveSale_GoesBackLineForLine(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paddle", company: new CompanySettings { Country = "GB" });
        var transaction = PaddleGbpTransaction("internal", (3330, 666), (833, 167));
        var sale = await world.DeliverAsync(transaction.ToJsonString());
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(49.96m, (decimal)invoice["TotalAmt"]!);

        var adjustment = Delivery.Fixture("paddle/adjustment.created.json");
        var refund = adjustment["data"]!.AsObject();
        (refund["transaction_id"], refund["status"], refund["type"], refund["currency_code"]) = (transaction["data"]!["id"]!.DeepClone(), "approved", "full", "GBP");
        refund["totals"] = new JsonObject { ["subtotal"] = "4163", ["tax"] = "833", ["total"] = "4996", ["currency_code"] = "GBP" };
        refund.Remove("payout_totals");
        var refunded = await world.DeliverAsync(adjustment.ToJsonString());

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(49.96m, (decimal)receipt["TotalAmt"]!);
        // The products net, then Paddle's VAT: 33.30 + 8.33 + 8.33.
        Assert.Equal([33.30m, 8.33m, 8.33m], ItemsOf(invoice).Select(line => line.Item2));
        Assert.Equal(ItemsOf(invoice), ItemsOf(receipt));
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 0m), await VatAndPaddlesAsync(world));
        Assert.Equal(0m, ledger["Sales of Product Income"]);
    }

    /// <summary>
    /// A UK Paddle sale of two products (49.96, 8.33 of Paddle's VAT) charged back in full, then the chargeback reversed:
    /// Paddle contested it and won, and the money came back. The reversal is a sales receipt of the sale line for line, its
    /// own id beside the chargeback's; the chargeback's refund receipt stays. Income is the sale's again, and Paddle's VAT is
    /// back in the clearing account the payout empties, the company's VAT Control untouched throughout. A full refund after it is
    /// the sale line for line again: the money back nets out the chargeback among the refunds so far.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PaddleChargebackReversed_BooksTheSaleBackLineForLine_AsASalesReceipt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paddle", company: new CompanySettings { Country = "GB" });
        var transaction = PaddleGbpTransaction("internal", (3330, 666), (833, 167));
        var sale = await world.DeliverAsync(transaction.ToJsonString());
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        var sold = await world.LedgerAsync();

        string Adjustment(string id, string action)
        {
            var adjustment = Delivery.Fixture("paddle/adjustment.created.json");
            var data = adjustment["data"]!.AsObject();
            (data["id"], data["action"], data["transaction_id"], data["status"], data["type"], data["currency_code"]) =
                (id, action, transaction["data"]!["id"]!.DeepClone(), "approved", "full", "GBP");
            data["totals"] = new JsonObject { ["subtotal"] = "4163", ["tax"] = "833", ["total"] = "4996", ["currency_code"] = "GBP" };
            data.Remove("payout_totals");
            return adjustment.ToJsonString();
        }

        var chargeback = await world.DeliverAsync(Adjustment("adj_01chargeback0000000000000", "chargeback"));
        Assert.True(chargeback.Status == PayloadStatus.Succeeded, chargeback.ToString());
        Assert.Equal((0m, 0m), await VatAndPaddlesAsync(world));

        var reversed = await world.DeliverAsync(Adjustment("adj_01chargebackreverse000000", "chargeback_reverse"));

        Assert.True(reversed.Status == PayloadStatus.Succeeded, reversed.ToString());
        Assert.Single(world.Entities("RefundReceipt"));
        var receipt = Assert.Single(world.Entities("SalesReceipt"));
        Assert.Equal(49.96m, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(ItemsOf(invoice), ItemsOf(receipt));
        Assert.Equal((0m, 8.33m), await VatAndPaddlesAsync(world));
        Assert.Equal(sold["Sales of Product Income"], (await world.LedgerAsync())["Sales of Product Income"]);

        // The money back nets out the chargeback: a full refund after it is the sale line for line again, not one line.
        var refunded = await world.DeliverAsync(Adjustment("adj_01fullrefundafterreverse00", "refund"));
        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var refund = Assert.Single(world.Entities("RefundReceipt"), document => (string?)document["Id"] == refunded.DocumentId);
        Assert.Equal(ItemsOf(invoice), ItemsOf(refund));
        Assert.Equal((0m, 0m), await VatAndPaddlesAsync(world));
    }

    /// <summary>
    /// The Paddle fixture's transaction made a GBP sale of one line per (net, tax) in pence at 20 %, its prices in
    /// <paramref name="taxMode"/> ("internal" includes the tax, "external" adds it), paid out in GBP.
    /// </summary>
    private static JsonObject PaddleGbpTransaction(string taxMode, params (long Net, long Tax)[] lines)
    {
        var transaction = Delivery.Fixture("paddle/transaction.completed.json");
        var data = transaction["data"]!.AsObject();
        data["currency_code"] = "GBP";
        var details = data["details"]!.AsObject();
        var lineItems = new JsonArray();
        var items = new JsonArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var (net, tax) = lines[i];
            var totals = new JsonObject { ["subtotal"] = $"{net}", ["tax"] = $"{tax}", ["total"] = $"{net + tax}", ["discount"] = "0" };
            var line = details["line_items"]![i]!.DeepClone().AsObject();
            (line["quantity"], line["tax_rate"], line["totals"], line["unit_totals"]) = (1, "0.2", totals.DeepClone(), totals.DeepClone());
            lineItems.Add(line);
            var item = data["items"]![i]!.DeepClone().AsObject();
            (item["quantity"], item["price"]!["tax_mode"]) = (1, taxMode);
            items.Add(item);
        }

        var (allNet, allTax) = (lines.Sum(l => l.Net), lines.Sum(l => l.Tax));
        var sums = new JsonObject { ["subtotal"] = $"{allNet}", ["tax"] = $"{allTax}", ["total"] = $"{allNet + allTax}", ["discount"] = "0" };
        (details["line_items"], data["items"]) = (lineItems, items);
        details["totals"] = new JsonObject
        {
            ["subtotal"] = $"{allNet}", ["tax"] = $"{allTax}", ["total"] = $"{allNet + allTax}", ["grand_total"] = $"{allNet + allTax}",
            ["discount"] = "0", ["credit"] = "0", ["currency_code"] = "GBP",
        };
        details["tax_rates_used"] = new JsonArray(new JsonObject { ["tax_rate"] = "0.2", ["totals"] = sums });
        details.Remove("payout_totals");
        return transaction;
    }

    /// <summary>
    /// A gift card sold is owed until it is spent. QBO's default US chart has no account for it, so one is created rather
    /// than counting the card as revenue when it is sold (and again when it is redeemed); a second order finds it.
    /// </summary>
    [Theory, BothDatabases]
    public async Task GiftCardSold_GoesToAGiftCardLiabilityAccount_CreatedWhenTheCompanyHasNone(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify",
            company: new CompanySettings { Country = "US", SalesTaxEnabled = true, AutomatedSalesTax = true });
        Assert.DoesNotContain(world.Entities("Account"), a => ((string?)a["Name"])!.Contains("gift", StringComparison.OrdinalIgnoreCase));

        foreach (var id in new[] { 7020L, 7030L })
        {
            var order = RetaxedOrder.Create(id, "USD", 0.06m);
            var card = AddLine(order, id + 1, "Gift card", "50.00", []);
            (card["gift_card"], card["taxable"]) = (true, false);
            var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
            Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        }

        var liability = Assert.Single(world.Entities("Account"), a => ((string?)a["Name"])!.Contains("gift", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Other Current Liability", (string?)liability["AccountType"]);
        Assert.Equal(100.00m, (await world.LedgerAsync())[(string)liability["Name"]!]);
    }

    /// <summary>
    /// A gift card of 50.00 is sold; an order is paid 20.00 with it and the rest by card; then the order is refunded, the
    /// 20.00 back onto the gift card. The gift card part never passes through Undeposited Funds: spent, it comes off the
    /// liability (a credit memo applied to the invoice); refunded onto the card, it is owed again (a gift card issued). At
    /// the end the liability is the card's 50.00, Undeposited Funds holds the 50.00 the card was bought with, and nothing
    /// else is left anywhere.
    /// </summary>
    [Theory, BothDatabases]
    public async Task OrderPaidPartlyWithAGiftCard_ThenRefunded_MovesTheLiabilityNotUndepositedFunds(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify",
            company: new CompanySettings { Country = "US", SalesTaxEnabled = true, AutomatedSalesTax = true });
        var cardSale = RetaxedOrder.Create(7050, "USD", 0.06m);
        var card = AddLine(cardSale, 7051, "Gift card", "50.00", []);
        (card["gift_card"], card["taxable"]) = (true, false);
        cardSale["line_items"] = new JsonArray(card.DeepClone());
        foreach (var field in new[] { "total_price", "current_total_price", "subtotal_price", "current_subtotal_price", "total_line_items_price" })
        {
            cardSale[field] = "50.00";
        }

        foreach (var field in new[] { "total_tax", "current_total_tax" })
        {
            cardSale[field] = "0.00";
        }

        cardSale["tax_lines"] = new JsonArray();
        var sold = await world.DeliverAsync(cardSale.ToJsonString(), OrderCreated);
        Assert.True(sold.Status == PayloadStatus.Succeeded, sold.ToString());

        var order = RetaxedOrder.Create(7060, "USD", 0.06m);
        var total = Delivery.Amount(order["total_price"]);
        order["transactions"] = new JsonArray(
            new JsonObject { ["id"] = 7061, ["kind"] = "sale", ["status"] = "success", ["gateway"] = "gift_card", ["amount"] = "20.00", ["currency"] = "USD" },
            new JsonObject { ["id"] = 7062, ["kind"] = "sale", ["status"] = "success", ["gateway"] = "shopify_payments", ["amount"] = Delivery.Text(total - 20.00m), ["currency"] = "USD" });
        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var liability = Assert.Single(world.Entities("Account"), a => ((string?)a["Name"])!.Contains("gift", StringComparison.OrdinalIgnoreCase));
        var name = (string)liability["Name"]!;
        var ledger = await world.LedgerAsync();
        // The card's 50.00 came in when it was sold; of the order, only what the customer's own card paid.
        Assert.Equal((30.00m, 50.00m + total - 20.00m, 0m), (ledger[name], ledger["Undeposited Funds"], ledger["Accounts Receivable (A/R)"]));

        var refund = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        refund["order_id"] = 7060;
        refund["refund_line_items"] = new JsonArray();
        refund["transactions"] = new JsonArray(
            new JsonObject { ["id"] = 7063, ["kind"] = "refund", ["status"] = "success", ["gateway"] = "gift_card", ["amount"] = "20.00", ["currency"] = "USD" },
            new JsonObject { ["id"] = 7064, ["kind"] = "refund", ["status"] = "success", ["gateway"] = "shopify_payments", ["amount"] = Delivery.Text(total - 20.00m), ["currency"] = "USD" });
        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        ledger = await world.LedgerAsync();
        Assert.Equal((50.00m, 50.00m), (ledger[name], ledger["Undeposited Funds"]));
        Assert.All(ledger.Where(account => account.Key != name && account.Key != "Undeposited Funds"), account => Assert.Equal(0m, account.Value));
    }

    /// <summary>
    /// An order booked without its transactions (so its whole payment went to Undeposited Funds), delivered again with
    /// them: its gift card part is not credited afterwards, which would pay the invoice twice.
    /// </summary>
    [Theory, BothDatabases]
    public async Task SaleBookedBeforeItsGiftCardPartWasKnown_IsNotCreditedAfterwards(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var order = RetaxedOrder.Create(7070, "USD", 0.06m);
        var total = Delivery.Amount(order["total_price"]);
        order["payment_gateway_names"] = new JsonArray("gift_card", "shopify_payments");
        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        order["transactions"] = new JsonArray(
            new JsonObject { ["id"] = 7071, ["kind"] = "sale", ["status"] = "success", ["gateway"] = "gift_card", ["amount"] = "20.00", ["currency"] = "USD" },
            new JsonObject { ["id"] = 7072, ["kind"] = "sale", ["status"] = "success", ["gateway"] = "shopify_payments", ["amount"] = Delivery.Text(total - 20.00m), ["currency"] = "USD" });
        var again = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "orders/paid"));

        Assert.True(again.Status == PayloadStatus.Succeeded, again.ToString());
        Assert.Empty(world.Entities("CreditMemo"));
        var ledger = await world.LedgerAsync();
        Assert.Equal((total, 0m), (ledger["Undeposited Funds"], ledger["Accounts Receivable (A/R)"]));
    }


    [Theory, BothDatabases]
    public async Task AutomatedSalesTax_BooksTheOrdersOwnTaxThroughTheOverride(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify",
            company: new CompanySettings { Country = "US", SalesTaxEnabled = true, AutomatedSalesTax = true });
        var order = RetaxedOrder.Create(7003, "USD", 0.06m);

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(Delivery.Amount(order["total_price"]), (decimal)invoice["TotalAmt"]!);
        Assert.Equal(Delivery.Amount(order["total_tax"]), (decimal)invoice["TxnTaxDetail"]!["TotalTax"]!);
        Assert.Equal(Delivery.Amount(order["total_tax"]), (await world.LedgerAsync())["Sales Tax Payable"]);
    }

    /// <summary>
    /// Automated sales tax taxes a document where it ships to, or at the company's own address when it names none. A
    /// Shopify refund names no address, so its tax would go back to the company's state, not to Kentucky, where the
    /// order shipped and was taxed: the refund takes its sale's ship-to address.
    /// </summary>
    [Theory, BothDatabases]
    public async Task AutomatedSalesTax_RefundGivesTheTaxBackWhereItsSaleWasTaxed(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify",
            company: new CompanySettings { Country = "US", SalesTaxEnabled = true, AutomatedSalesTax = true });
        var sale = await world.DeliverFixtureAsync("shopify/order.rest-fixture.json", OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var refund = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        refund["refund_line_items"]!.AsArray().RemoveAt(1);
        (refund["refund_line_items"]![0]!["subtotal"], refund["refund_line_items"]![0]!["total_tax"]) = ("199.00", "5.97");
        refund["transactions"]![0]!["amount"] = "204.97";

        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal((204.97m, 5.97m), ((decimal)credit["TotalAmt"]!, (decimal)credit["TxnTaxDetail"]!["TotalTax"]!));
        Assert.Equal("KY", (string?)credit["ShipAddr"]?["CountrySubDivisionCode"]);
        Assert.Equal(invoice["TxnTaxDetail"]!["TxnTaxCodeRef"]!.ToJsonString(), credit["TxnTaxDetail"]!["TxnTaxCodeRef"]!.ToJsonString());
    }

    [Theory, BothDatabases]
    public async Task MulticurrencyCompany_BooksAForeignOrderInItsCurrency_ForACustomerInThatCurrency(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify",
            company: new CompanySettings { Country = "US", MultiCurrencyEnabled = true });
        var order = RetaxedOrder.Create(7004, "EUR", 0m);

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal("EUR", (string?)invoice["CurrencyRef"]!["value"]);
        Assert.Equal(Delivery.Amount(order["total_price"]), (decimal)invoice["TotalAmt"]!);
        var customer = Assert.Single(world.Entities("Customer"), c => (string?)c["Id"] == (string?)invoice["CustomerRef"]!["value"]);
        Assert.Equal("EUR", (string?)customer["CurrencyRef"]!["value"]);
        Assert.Equal("Marie Tremblay (EUR)", (string?)customer["DisplayName"]);
    }

    /// <summary>
    /// A refund paid back in the customer's CAD on an order booked in the shop's USD, with no amount in USD beside it: it is
    /// refused naming the refund's currency and the sale's, not as if the sale itself were in CAD.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundInAnotherCurrencyThanItsSale_IsRefusedNamingBoth(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify");
        var sale = await world.DeliverAsync(RetaxedOrder.Create(7010, "USD", 0.06m).ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        var refund = Delivery.Fixture("shopify/refunds-create.rest-fixture.json");
        refund["order_id"] = 7010;
        refund["refund_line_items"] = new JsonArray();
        (refund["transactions"]![0]!["amount"], refund["transactions"]![0]!["currency"]) = ("14.00", "CAD");
        var refused = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.Equal(PayloadStatus.Failed, refused.Status);
        Assert.StartsWith("BOOKING_REFUSED", refused.LastError);
        Assert.Contains("Refunds[].Currency", refused.LastError);
        Assert.Contains("is in CAD, but its sale was booked in USD", refused.LastError);
        Assert.Empty(world.Entities("RefundReceipt"));
    }

    [Theory, BothDatabases]
    public async Task SingleCurrencyCompany_RefusesAForeignOrderWithTheReason(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "GB" });

        var refused = await world.DeliverAsync(RetaxedOrder.Create(7005, "EUR", 0.20m).ToJsonString(), OrderCreated);

        Assert.Equal(PayloadStatus.Failed, refused.Status);
        Assert.StartsWith("BOOKING_REFUSED", refused.LastError);
        Assert.Contains("EUR", refused.LastError);
        Assert.Contains("GBP", refused.LastError);
        Assert.Empty(world.Entities("Invoice"));
    }

    /// <summary>
    /// Refused because the company takes no foreign currency, the order is replayed after multicurrency was turned on in
    /// QBO: the replay reads the company's settings again rather than refusing under the ones read minutes before.
    /// </summary>
    [Theory, BothDatabases]
    public Task RefusedForeignOrder_ReplayedAfterMulticurrencyIsTurnedOn_IsBooked(DatabaseKind kind) => ReplayAfterMulticurrencyAsync(kind, minutesLater: 2);

    /// <summary>The same, replayed the moment the setting changed: the refusal a moment before does not stand.</summary>
    [Theory, BothDatabases]
    public Task RefusedForeignOrder_ReplayedAtOnceAfterMulticurrencyIsTurnedOn_IsBooked(DatabaseKind kind) => ReplayAfterMulticurrencyAsync(kind, minutesLater: 0);

    private async Task ReplayAfterMulticurrencyAsync(DatabaseKind kind, int minutesLater)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "GB" });
        var refused = await world.DeliverAsync(RetaxedOrder.Create(7006, "EUR", 0.20m).ToJsonString(), OrderCreated);
        Assert.Equal(PayloadStatus.Failed, refused.Status);

        world.Connect.Sandbox.State.UpdateCompanySettings(world.RealmId, new CompanySettings { MultiCurrencyEnabled = true });
        world.Clock.Advance(TimeSpan.FromMinutes(minutesLater));
        using var replay = await world.Client.PostAsync($"/api/v1/org/{world.Slug}/payloads/{refused.PayloadId}/replay", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
        var replayed = await world.SettledAsync(refused.PayloadId, PayloadStatus.Succeeded, PayloadStatus.Failed, PayloadStatus.Dead);

        Assert.True(replayed.Status == PayloadStatus.Succeeded, replayed.ToString());
        Assert.Equal("EUR", (string?)Assert.Single(world.Entities("Invoice"))["CurrencyRef"]!["value"]);
    }

    internal static async Task<JsonObject> BooksSettingsAsync(PipelineWorld world, object settings)
    {
        using var response = await world.Client.PutAsJsonAsync($"/api/v1/org/{world.Slug}/books/settings", settings);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
