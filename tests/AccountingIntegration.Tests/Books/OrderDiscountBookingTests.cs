using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// An order discount in a company where QBO taxes each line goes where its tax says it goes, so QBO takes off the tax
/// the shop did and the invoice comes to the order's total without a rounding line.
/// </summary>
public sealed class OrderDiscountBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// A BC WooCommerce order: a pendant of 100 at GST + PST, zero-rated salmon of 100, shipping of 10 at GST + PST, and a
    /// fee of −20 whose taxes take 0.50 of GST and 0.70 of PST off: 10 of the discount is off the pendant, the other 10 off
    /// the untaxed salmon, and none off the shipping. 202.00, of which 12.00 is tax.
    /// </summary>
    [Theory, BothDatabases]
    public async Task WooCommerceNegativeFeeStatingItsTaxes_ComesOffTheLinesTaxedAtThoseRates_NotShipping(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "woocommerce", company: new CompanySettings { Country = "CA" });
        var order = Delivery.Fixture("woocommerce/order.created.json");
        order["currency"] = "CAD";
        foreach (var address in new[] { "billing", "shipping" })
        {
            // Taxed at British Columbia's GST and PST: shipped there (GST/PST MB shares their 12 %).
            (order[address]!["state"], order[address]!["country"]) = ("BC", "CA");
        }

        Restate(order["line_items"]![0]!, "Pendant", "100.00", Taxes(("80", "5.00"), ("81", "7.00")));
        Restate(order["line_items"]![1]!, "Smoked salmon", "100.00", Taxes(("82", "0.00")));
        order["shipping_lines"]![0]!["total"] = "10.00";
        (order["shipping_lines"]![0]!["total_tax"], order["shipping_lines"]![0]!["taxes"]) = ("1.20", Taxes(("80", "0.50"), ("81", "0.70")));
        order["fee_lines"] = new JsonArray(new JsonObject
        {
            ["id"] = 320, ["name"] = "Loyalty discount", ["tax_status"] = "taxable", ["total"] = "-20.00", ["total_tax"] = "-1.20",
            ["taxes"] = Taxes(("80", "-0.50"), ("81", "-0.70")),
        });
        order["tax_lines"] = new JsonArray(
            TaxLine(80, "GST", 5m, "4.50", "0.50"), TaxLine(81, "PST", 7m, "6.30", "0.70"), TaxLine(82, "Zero rate", 0m, "0.00", "0.00"));
        (order["shipping_total"], order["shipping_tax"], order["cart_tax"], order["total_tax"], order["total"]) = ("10.00", "1.20", "10.80", "12.00", "202.00");

        var sale = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic("X-WC-Webhook-Topic", "order.created"));

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((202.00m, 12.00m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["TxnTaxDetail"]!["TotalTax"]!));
        var amounts = invoice["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail")
            .Select(l => ((string?)l!["Description"], (decimal)l["Amount"]!)).ToList();
        Assert.Equal([("Pendant", 90.00m), ("Smoked salmon", 90.00m), ("Flat Rate", 10.00m)], amounts);
    }

    private static void Restate(JsonNode line, string name, string net, JsonArray taxes)
    {
        var tax = taxes.Sum(t => Delivery.Amount(t!["total"])).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        (line["name"], line["quantity"], line["price"], line["taxes"]) = (name, 1, Delivery.Amount(net), taxes);
        foreach (var (field, value) in new[] { ("subtotal", net), ("total", net), ("subtotal_tax", tax), ("total_tax", tax) })
        {
            line[field] = value;
        }
    }

    private static JsonArray Taxes(params (string Id, string Total)[] taxes) =>
        new([.. taxes.Select(t => (JsonNode)new JsonObject { ["id"] = int.Parse(t.Id, System.Globalization.CultureInfo.InvariantCulture), ["total"] = t.Total, ["subtotal"] = t.Total })]);

    private static JsonObject TaxLine(int rateId, string label, decimal percent, string cartTax, string shippingTax) => new()
    {
        ["id"] = 400 + rateId, ["rate_code"] = "CA-" + label, ["rate_id"] = rateId, ["label"] = label, ["compound"] = false,
        ["tax_total"] = cartTax, ["shipping_tax_total"] = shippingTax, ["rate_percent"] = percent,
    };
}
