using System.Text.Json.Nodes;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Books to the cent, whatever the order: paid Shopify orders drawn at random (<see cref="RandomShopifyOrders"/>) with
/// several lines, discounts on some, untaxed and reduced-rate lines, shipping or not, booked in companies of each tax
/// regime, then every other order partly returned (some units of some lines, the shipping now and then), and every fourth
/// placed with a deposit and cancelled. Each invoice comes to the order's total, each refund receipt to the money given
/// back and each cancellation's credit to what its order still owed, nothing is left owed, and the company owes exactly
/// the tax the orders charged less the tax the refunds and credits gave back. The generator is seeded, so a
/// failure is the same on every run and names the order that shows it.
/// </summary>
public sealed class RandomOrdersBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const int OrdersPerCompany = 12;
    private static readonly IReadOnlyDictionary<string, string> OrderCreated = Delivery.Topic("X-Shopify-Topic", "orders/create");
    private static readonly IReadOnlyDictionary<string, string> RefundCreated = Delivery.Topic("X-Shopify-Topic", "refunds/create");
    private static readonly IReadOnlyDictionary<string, string> OrderCancelled = Delivery.Topic("X-Shopify-Topic", "orders/cancelled");

    /// <summary>A US company without sales tax books the tax on its liability item; the state's and the county's tax on every taxed line.</summary>
    [Theory, BothDatabases]
    public Task UnitedStatesCompanyWithoutSalesTax(DatabaseKind kind) => BookRandomOrdersAsync(kind, 11, new CompanySettings { Country = "US" },
        new ShopTaxes("USD", Included: false, ShippingTaxed: false, [new("California State Tax", 0.0725m), new("Los Angeles County Tax", 0.01m)]), "Sales Tax Payable");

    /// <summary>
    /// A US company with manual sales tax books the one code of the shop's rate, which QBO applies to the taxed lines together
    /// (rounded once, where the shop rounds each line's tax), after the discounts on the lines they were given on.
    /// </summary>
    [Theory, BothDatabases]
    public Task UnitedStatesCompanyWithManualSalesTax(DatabaseKind kind) => BookRandomOrdersAsync(kind, 12, new CompanySettings { Country = "US", SalesTaxEnabled = true },
        new ShopTaxes("USD", Included: false, ShippingTaxed: false, [new("California", 0.08m)]), "Sales Tax Payable", qboRoundsItsOwnWay: true);

    /// <summary>A US company with automated sales tax books the shop's own tax through QBO's override.</summary>
    [Theory, BothDatabases]
    public Task UnitedStatesCompanyWithAutomatedSalesTax(DatabaseKind kind) => BookRandomOrdersAsync(kind, 13, new CompanySettings { Country = "US", SalesTaxEnabled = true, AutomatedSalesTax = true },
        new ShopTaxes("USD", Included: false, ShippingTaxed: true, [new("Texas State Tax", 0.0625m), new("Austin City Tax", 0.01m), new("Austin MTA Transit", 0.01m)]), "Sales Tax Payable");

    /// <summary>An Ontario company: HST on every taxed line and on shipping.</summary>
    [Theory, BothDatabases]
    public Task OntarioCompany(DatabaseKind kind) => BookRandomOrdersAsync(kind, 14, new CompanySettings { Country = "CA" },
        new ShopTaxes("CAD", Included: false, ShippingTaxed: true, [new("HST", 0.13m)], [new("GST", 0.05m)]), "GST/HST Payable");

    /// <summary>Orders shipped to British Columbia: GST and PST on each line, each rounded apart, as QBO rounds the two rates of one code.</summary>
    [Theory, BothDatabases]
    public Task CanadianCompanySellingToBritishColumbia(DatabaseKind kind) => BookRandomOrdersAsync(kind, 15, new CompanySettings { Country = "CA" },
        new ShopTaxes("CAD", Included: false, ShippingTaxed: true, [new("GST", 0.05m), new("PST", 0.07m)], [new("GST only", 0.05m)]), "GST/HST Payable",
        order => RetaxedOrder.ShippedToCanada(order, "BC"));

    /// <summary>A UK shop whose prices include VAT: standard and reduced rates, zero-rated lines, shipping at the standard rate.</summary>
    [Theory, BothDatabases]
    public Task UnitedKingdomCompanyWithPricesIncludingVat(DatabaseKind kind) => BookRandomOrdersAsync(kind, 16, new CompanySettings { Country = "GB" },
        new ShopTaxes("GBP", Included: true, ShippingTaxed: true, [new("VAT 20%", 0.20m)], [new("VAT 5%", 0.05m)]), "VAT Control", qboRoundsItsOwnWay: true);

    /// <summary>An Australian shop whose prices include GST, with GST-free lines.</summary>
    [Theory, BothDatabases]
    public Task AustralianCompanyWithPricesIncludingGst(DatabaseKind kind) => BookRandomOrdersAsync(kind, 17, new CompanySettings { Country = "AU" },
        new ShopTaxes("AUD", Included: true, ShippingTaxed: true, [new("GST", 0.10m)]), "GST Liabilities Payable", qboRoundsItsOwnWay: true);

    private async Task BookRandomOrdersAsync(DatabaseKind kind, int seed, CompanySettings company, ShopTaxes shop, string taxAccount,
        Func<JsonObject, JsonObject>? place = null, bool qboRoundsItsOwnWay = false)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "shopify", company: company);
        var generator = new RandomShopifyOrders(seed, shop);
        var orders = Enumerable.Range(1, OrdersPerCompany).Select(i => (place ?? (o => o))(generator.Next(seed * 1000L + i))).ToList();
        // Every fourth order, from the third, is placed with a deposit and cancelled once the others are booked.
        var owedWhenCancelled = Enumerable.Range(0, orders.Count).Where(i => i % 4 == 2).ToDictionary(i => i, i => generator.TakeDeposit(orders[i]));

        var payloadIds = new List<string>();
        foreach (var order in orders)
        {
            payloadIds.Add(await world.SendForPayloadIdAsync(order.ToJsonString(), OrderCreated));
        }

        // Without sales tax a US company books the tax as a line of its own, at the vendor's amount.
        var qboTaxes = company.WithDefaults().SalesTaxEnabled == true;
        var qboMayRound = qboTaxes && company.WithDefaults().AutomatedSalesTax != true;
        var bookedTax = 0m;
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            var shown = $"seed {seed}, order {order["id"]}: {order.ToJsonString()}";
            // QBO computes the tax itself where it carries it. Where it rounds otherwise than the shop (once for all the taxed
            // lines; prices that include tax split into net and tax, a half cent landing on the other side), the tax may be
            // a cent a line away from the shop's, never more, and never silently.
            bookedTax += BooksHeld.Booked(world, "Invoice", await world.SettledAsync(payloadIds[i]), Delivery.Amount(order["total_price"]), Delivery.Amount(order["total_tax"]),
                order["line_items"]!.AsArray().Count + order["shipping_lines"]!.AsArray().Count, qboTaxes, qboRoundsItsOwnWay, shown);
        }

        // Every other order is partly returned: some units of some lines, the shipping now and then.
        var refunded = 0m;
        for (var i = 1; i < orders.Count; i += 2)
        {
            var refund = generator.RefundOf(orders[i], seed * 1000L + 500 + i);
            var shown = $"seed {seed}, refund {refund["id"]} of order {orders[i]["id"]}: {refund.ToJsonString()}";
            var settled = await world.SettledAsync(await world.SendForPayloadIdAsync(refund.ToJsonString(), RefundCreated));
            var money = Delivery.Amount(refund["transactions"]![0]!["amount"]);
            refunded += money;

            var givenBack = refund["refund_line_items"]!.AsArray().Sum(l => Delivery.Amount(l!["total_tax"]))
                - refund["order_adjustments"]!.AsArray().Sum(a => Delivery.Amount(a!["tax_amount"]))
                + refund["refund_shipping_lines"]!.AsArray().Sum(s => Delivery.Amount(s!["tax_amount_set"]!["shop_money"]!["amount"]));
            // Shopify gives back a line's tax shared among its units, QBO taxes the units' amount: the line is moved by the
            // cents that make the two agree, but at a low rate (5 %) no move within the rounding tolerance may do it.
            bookedTax -= BooksHeld.Booked(world, "RefundReceipt", settled, money, givenBack,
                refund["refund_line_items"]!.AsArray().Count + refund["order_adjustments"]!.AsArray().Count + refund["refund_shipping_lines"]!.AsArray().Count,
                qboTaxes, qboMayRound, shown);
        }

        // The orders paid in part are cancelled, and the merchant keeps the deposit: what each still owed is credited as its
        // share of the order not paid (the order less the deposit's share), tax included, and applied to its invoice.
        foreach (var (i, owed) in owedWhenCancelled)
        {
            var order = orders[i];
            var shown = $"seed {seed}, order {order["id"]} cancelled owing {owed}: {order.ToJsonString()}";
            var cancelled = await world.SettledAsync(await world.SendForPayloadIdAsync(RandomShopifyOrders.Cancelled(order).ToJsonString(), OrderCancelled));
            bookedTax -= BooksHeld.CreditedTheRest(world, await world.SettledAsync(payloadIds[i]), cancelled, owed, Delivery.Amount(order["total_price"]),
                order["tax_lines"]!.AsArray().Select(t => Delivery.Amount(t!["price"])), order["line_items"]!.AsArray().Count + order["shipping_lines"]!.AsArray().Count,
                qboTaxes, qboMayRound, shown);
        }

        await BooksHeld.LedgerHoldsAsync(world, orders.Sum(o => Delivery.Amount(o["total_price"])) - refunded - owedWhenCancelled.Values.Sum(), taxAccount, bookedTax);
    }
}
