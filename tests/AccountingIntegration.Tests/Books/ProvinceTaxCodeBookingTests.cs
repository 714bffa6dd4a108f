using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// A Canadian company has several tax codes of one combined rate, as QBO sets them up: HST NB, HST NL and Prince Edward
/// Island's "HST" at 15 %, GST/PST BC and GST/PST MB at 12 %. A Shopify order states only its rates, so the code is the one
/// of the province it ships to; a refund of it goes back at the same code. An order without a province is supplied in the
/// company's own; when that names none of the codes either, it is refused, naming them.
/// </summary>
public sealed class ProvinceTaxCodeBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly IReadOnlyDictionary<string, string> OrderCreated = Delivery.Topic("X-Shopify-Topic", "orders/create");

    [Theory, BothDatabases]
    public async Task NewBrunswickOrder_AndItsRefund_TakeHstNb(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        var order = RetaxedOrder.ShippedToCanada(RetaxedOrder.Create(7801, "CAD", 0.15m), "NB");
        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        // The boots returned with their tax: the refund states no province, and goes back at its sale's code.
        var line = order["line_items"]![0]!;
        var (net, tax) = (Delivery.Amount(line["price"]) * Delivery.Amount(line["quantity"]), Delivery.Amount(order["total_tax"]));
        var refund = CompanyRegimeBookingTests.Refund(order, 7802, net + tax, (Money(net), Money(tax)));
        var refunded = await world.DeliverAsync(refund.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "refunds/create"));

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var taxCodes = TaxCodes(world);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.All(CompanyRegimeBookingTests.CodesOf(invoice, taxCodes), code => Assert.Equal("HST NB", code));
        Assert.Equal(Delivery.Amount(order["total_tax"]), (decimal)invoice["TxnTaxDetail"]!["TotalTax"]!);
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.All(CompanyRegimeBookingTests.CodesOf(receipt, taxCodes), code => Assert.Equal("HST NB", code));
        Assert.Equal(0m, (await world.LedgerAsync())["GST/HST Payable"]);
    }

    /// <summary>QBO names the island's code "HST" alone; its description names the province.</summary>
    [Theory, BothDatabases]
    public Task PrinceEdwardIslandOrder_TakesTheHstItsDescriptionNames(DatabaseKind kind) => BookAsync(kind, "PE", 0.15m, "HST");

    [Theory, BothDatabases]
    public Task NewfoundlandOrder_TakesHstNl(DatabaseKind kind) => BookAsync(kind, "NL", 0.15m, "HST NL");

    [Theory, BothDatabases]
    public Task ManitobaOrder_TakesGstPstMb_NotBritishColumbias(DatabaseKind kind) => BookAsync(kind, "MB", 0.12m, "GST/PST MB");

    [Theory, BothDatabases]
    public async Task OrderAtASharedRate_WithoutAProvince_IsRefusedNamingTheCodes(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        var order = RetaxedOrder.Create(7811, "CAD", 0.15m);
        foreach (var field in new[] { "billing_address", "shipping_address" })
        {
            order.Remove(field);
        }

        var refused = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.Equal(PayloadStatus.Failed, refused.Status);
        Assert.StartsWith("BOOKING_REFUSED", refused.LastError);
        Assert.Contains("HST NB, HST NL, HST", refused.LastError);
        Assert.Contains("states no region", refused.LastError);
        Assert.Empty(world.Entities("Invoice"));
    }

    /// <summary>
    /// A company in New Brunswick sells at its counter: Shopify taxes the order at the shop's 15 % and it carries no address.
    /// The sale is supplied where the company is, so it takes HST NB, and the sync log says the region was assumed.
    /// </summary>
    [Theory, BothDatabases]
    public async Task OrderAtASharedRate_WithoutAProvince_TakesTheCompanysOwnProvince(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify",
            company: new CompanySettings { Country = "CA", Subdivision = "NB" });
        var order = RetaxedOrder.Create(7812, "CAD", 0.15m);
        foreach (var field in new[] { "billing_address", "shipping_address" })
        {
            order.Remove(field);
        }

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.All(CompanyRegimeBookingTests.CodesOf(invoice, TaxCodes(world)), code => Assert.Equal("HST NB", code));
        Assert.Contains("PLACE_OF_SUPPLY_ASSUMED", sale.Detail.ToString(), StringComparison.Ordinal);
        Assert.Contains("NB", sale.Detail.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A New Brunswick WooCommerce shop taxing by its own address ("Calculate tax based on: shop base address") charges 15 %
    /// HST NB on an order shipped to Ontario; the rate's code says so ("CA-NB-HST-1"), and the sale and its refund take HST NB,
    /// not a code of Ontario's, which has none at 15 %.
    /// </summary>
    [Theory, BothDatabases]
    public async Task WooCommerceOrderTaxedForNewBrunswick_ShippedToOntario_TakesHstNb(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "woocommerce", company: new CompanySettings { Country = "CA" });
        var order = Delivery.Fixture("woocommerce/order.created.json");
        order["currency"] = "CAD";
        foreach (var address in new[] { "billing", "shipping" })
        {
            (order[address]!["state"], order[address]!["country"]) = ("ON", "CA");
        }

        foreach (var (line, tax) in order["line_items"]!.AsArray().Zip(["0.90", "1.80"]))
        {
            (line!["subtotal_tax"], line["total_tax"], line["taxes"]![0]!["total"], line["taxes"]![0]!["subtotal"]) = (tax, tax, tax, tax);
        }

        var taxLine = order["tax_lines"]![0]!;
        (taxLine["rate_code"], taxLine["label"], taxLine["tax_total"], taxLine["rate_percent"]) = ("CA-NB-HST-1", "HST", "2.70", 15);
        (order["cart_tax"], order["total_tax"], order["total"]) = ("2.70", "2.70", "30.70");

        var sale = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic("X-WC-Webhook-Topic", "order.created"));
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        (order["status"], order["refunds"]) = ("refunded", new JsonArray(new JsonObject { ["id"] = 7841, ["reason"] = "Returned", ["total"] = "-30.70" }));
        var refund = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic("X-WC-Webhook-Topic", "order.updated"));

        Assert.True(refund.Status == PayloadStatus.Succeeded, refund.ToString());
        var taxCodes = TaxCodes(world);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((30.70m, 2.70m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["TxnTaxDetail"]!["TotalTax"]!));
        // The items at HST NB; the untaxed shipping is a zero-rated supply.
        Assert.Equal(["HST NB", "HST NB", "Zero-rated"], CompanyRegimeBookingTests.CodesOf(invoice, taxCodes));
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(["HST NB", "HST NB", "Zero-rated"], CompanyRegimeBookingTests.CodesOf(receipt, taxCodes));
        Assert.Equal(0m, (await world.LedgerAsync())["GST/HST Payable"]);
    }

    /// <summary>
    /// An organization maps a rate for a province ("15% NB") where its codes do not name it: the mapping for the sale's
    /// province wins over the code naming it, and one for another province is not taken.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RateMappedForTheProvince_TakesThatCode(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        await CompanyRegimeBookingTests.BooksSettingsAsync(world, new { taxCodes = new Dictionary<string, string> { ["15% NL"] = "HST NL", ["15% NB"] = "HST" } });
        var order = RetaxedOrder.ShippedToCanada(RetaxedOrder.Create(7831, "CAD", 0.15m), "NB");

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.All(CompanyRegimeBookingTests.CodesOf(Assert.Single(world.Entities("Invoice")), TaxCodes(world)), named => Assert.Equal("HST", named));
    }

    private async Task BookAsync(DatabaseKind kind, string province, decimal rate, string code)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        var order = RetaxedOrder.ShippedToCanada(RetaxedOrder.Create(7821, "CAD", rate), province);

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.All(CompanyRegimeBookingTests.CodesOf(invoice, TaxCodes(world)), named => Assert.Equal(code, named));
        Assert.Equal(Delivery.Amount(order["total_price"]), (decimal)invoice["TotalAmt"]!);
        Assert.Equal(Delivery.Amount(order["total_tax"]), (await world.LedgerAsync())["GST/HST Payable"]);
    }

    private static Dictionary<string, string> TaxCodes(PipelineWorld world) =>
        world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);

    private static string Money(decimal amount) => amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
