using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Canadian orders taxed at two rates (BC: GST 5 % + PST 7 %; Quebec: GST 5 % + QST 9.975 %). QBO taxes each line rate by
/// rate, rounding each, so 10.05 at GST/PST BC owes 0.50 + 0.70 = 1.20, not 12 % of it rounded (1.21): the invoice comes
/// to the order's own total and tax without a rounding line.
/// </summary>
public sealed class TwoRateProvinceBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly IReadOnlyDictionary<string, string> OrderCreated = Delivery.Topic("X-Shopify-Topic", "orders/create");
    private static readonly (string Title, decimal Rate)[] GstPst = [("GST", 0.05m), ("PST", 0.07m)];
    private static readonly (string Title, decimal Rate)[] GstQst = [("GST", 0.05m), ("QST", 0.09975m)];

    [Theory, BothDatabases]
    public Task BritishColumbiaOrder_RoundedRateByRate_BooksTheOrdersTotalWithoutRounding(DatabaseKind kind) =>
        BookAsync(kind, TwoRateOrder(7101, "BC", [("10.05", 1)], 8.05m, GstPst), total: 20.26m, tax: 2.16m);

    [Theory, BothDatabases]
    public Task QuebecOrder_RoundedRateByRate_BooksTheOrdersTotalWithoutRounding(DatabaseKind kind) =>
        BookAsync(kind, TwoRateOrder(7102, "QC", [("19.99", 3), ("7.10", 1)], 12.50m, GstQst), total: 91.50m, tax: 11.93m);

    /// <summary>Seven cents apart at the combined rate, more than a rounding line may absorb: it was refused.</summary>
    [Theory, BothDatabases]
    public Task BritishColumbiaOrderOfSixLines_IsBookedNotRefused(DatabaseKind kind) =>
        BookAsync(kind, TwoRateOrder(7103, "BC", [.. Enumerable.Repeat(("10.05", 1), 6)], 8.05m, GstPst), total: 76.51m, tax: 8.16m);

    /// <summary>
    /// A BC order of 38.50 (1.93 GST, 2.70 PST) and 10.04 of shipping (0.50, 0.70), 54.37 in all, cancelled after an 8.33
    /// deposit: the 46.04 still owed is credited as its share of the order, 32.60 of goods with 3.92 of tax and 8.50 of shipping
    /// with 1.02. QBO takes 3.91 on the goods and 1.03 on the shipping, the share's 4.94 together. Setting the goods' tax right
    /// takes five cents of goods at 12 % in two rates (32.65 owes 1.63 + 2.29), and with the shipping's cent left over the
    /// credit came to 46.10, past what a rounding line may absorb: it was refused. The goods now stay as they are.
    /// </summary>
    [Theory, BothDatabases]
    public async Task BritishColumbiaDepositThenCancelled_CreditsTheRestWithoutMovingTheGoodsPastTheRounding(DatabaseKind kind)
    {
        var order = TwoRateOrder(7104, "BC", [("38.50", 1)], 10.04m, GstPst);
        Assert.Equal((54.37m, 5.83m), (Delivery.Amount(order["total_price"]), Delivery.Amount(order["total_tax"])));
        order["financial_status"] = "partially_paid";
        order["total_outstanding"] = "46.04";
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });
        Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(order.ToJsonString(), OrderCreated)).Status);

        order["cancelled_at"] = "2024-10-05T21:30:00-05:00";
        order["cancel_reason"] = "customer";
        var cancel = await world.DeliverAsync(order.ToJsonString(), Delivery.Topic("X-Shopify-Topic", "orders/cancelled"));

        Assert.True(cancel.Status == PayloadStatus.Succeeded, cancel.ToString());
        var credit = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal((46.04m, 4.94m), ((decimal)credit["TotalAmt"]!, (decimal)credit["TxnTaxDetail"]!["TotalTax"]!));
        Assert.Equal([8.50m, 32.60m], credit["Line"]!.AsArray().Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail").Select(l => (decimal)l!["Amount"]!).Order());
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 8.33m, 0.89m), (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["GST/HST Payable"]));
    }

    private async Task BookAsync(DatabaseKind kind, JsonObject order, decimal total, decimal tax)
    {
        Assert.Equal((total, tax), (Delivery.Amount(order["total_price"]), Delivery.Amount(order["total_tax"])));
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: new CompanySettings { Country = "CA" });

        var sale = await world.DeliverAsync(order.ToJsonString(), OrderCreated);

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((total, tax), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["TxnTaxDetail"]!["TotalTax"]!));
        Assert.DoesNotContain(invoice["Line"]!.AsArray(), line => (string?)line!["Description"] == "Rounding");
        Assert.Equal(0m, (await world.LedgerAsync())["Accounts Receivable (A/R)"]);
    }

    /// <summary>
    /// A paid Shopify order shipped to <paramref name="province"/> of <paramref name="lines"/> and shipping, every one taxed at
    /// each of <paramref name="rates"/> with the tax of each rate rounded on each line, as Shopify states it; its totals
    /// restated to match.
    /// </summary>
    private static JsonObject TwoRateOrder(long id, string province, (string Price, int Quantity)[] lines, decimal shipping, (string Title, decimal Rate)[] rates)
    {
        var order = RetaxedOrder.ShippedToCanada(RetaxedOrder.Create(id, "CAD", 0m), province);
        var template = order["line_items"]![0]!.AsObject();
        var items = new JsonArray();
        var subtotal = 0m;
        var byRate = new decimal[rates.Length];
        foreach (var (price, quantity) in lines)
        {
            var line = template.DeepClone().AsObject();
            var net = decimal.Parse(price, CultureInfo.InvariantCulture) * quantity;
            (line["id"], line["price"], line["quantity"], line["current_quantity"], line["fulfillable_quantity"]) = (id * 10 + items.Count, price, quantity, quantity, quantity);
            line["tax_lines"] = TaxLines(net, rates, byRate);
            items.Add(line);
            subtotal += net;
        }

        order["line_items"] = items;
        order["shipping_lines"] = new JsonArray(new JsonObject
        {
            ["id"] = id * 10 + 9, ["title"] = "Standard", ["price"] = Text(shipping), ["discounted_price"] = Text(shipping),
            ["tax_lines"] = TaxLines(shipping, rates, byRate),
        });
        order["tax_lines"] = new JsonArray([.. rates.Select((rate, i) => new JsonObject { ["title"] = rate.Title, ["rate"] = rate.Rate, ["price"] = Text(byRate[i]) })]);
        var totalTax = byRate.Sum();
        foreach (var (field, value) in new[]
        {
            ("total_line_items_price", subtotal), ("subtotal_price", subtotal), ("current_subtotal_price", subtotal),
            ("total_tax", totalTax), ("current_total_tax", totalTax),
            ("total_price", subtotal + shipping + totalTax), ("current_total_price", subtotal + shipping + totalTax),
        })
        {
            order[field] = Text(value);
        }

        return order;
    }

    private static JsonArray TaxLines(decimal net, (string Title, decimal Rate)[] rates, decimal[] byRate)
    {
        var taxLines = new JsonArray();
        for (var i = 0; i < rates.Length; i++)
        {
            var tax = Math.Round(net * rates[i].Rate, 2, MidpointRounding.AwayFromZero);
            byRate[i] += tax;
            taxLines.Add(new JsonObject { ["title"] = rates[i].Title, ["rate"] = rates[i].Rate, ["price"] = Text(tax) });
        }

        return taxLines;
    }

    private static string Text(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
