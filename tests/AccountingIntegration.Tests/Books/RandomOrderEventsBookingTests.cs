using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Books to the cent, whatever the order, for our own order events (source type <c>orders</c>): orders drawn at random
/// (<see cref="RandomOrderEvents"/>) with discounts on lines and on the whole order, untaxed and reduced-rate lines, shipping
/// or not, placed paid in companies of each tax regime; every other order partly returned by lines named by their id and
/// quantity alone (worth their share of the order, tax included), the shipping now and then; every fourth placed with a
/// deposit and cancelled. Each invoice comes to the order's total, each refund receipt to the money given back and each
/// cancellation's credit to what its order still owed, nothing is left owed, and the company owes exactly the tax the
/// orders charged less the tax the refunds and credits gave back.
/// </summary>
public sealed class RandomOrderEventsBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const int OrdersPerCompany = 12;

    /// <summary>An Ontario company: HST on taxed lines and shipping, GST alone on some lines.</summary>
    [Theory, BothDatabases]
    public Task OntarioCompany(DatabaseKind kind) => BookRandomOrdersAsync(kind, 21, new CompanySettings { Country = "CA" },
        new ShopTaxes("CAD", Included: false, ShippingTaxed: true, [new("HST", 0.13m)], [new("GST", 0.05m)]), "ON", "GST/HST Payable");

    /// <summary>Orders shipped to British Columbia: GST and PST, each rounded apart on each line, as QBO rounds the two rates of one code.</summary>
    [Theory, BothDatabases]
    public Task CanadianCompanySellingToBritishColumbia(DatabaseKind kind) => BookRandomOrdersAsync(kind, 22, new CompanySettings { Country = "CA" },
        new ShopTaxes("CAD", Included: false, ShippingTaxed: true, [new("GST", 0.05m), new("PST", 0.07m)], [new("GST only", 0.05m)]), "BC", "GST/HST Payable");

    /// <summary>A UK company whose prices include VAT: standard and reduced rates, untaxed lines, shipping at the standard rate.</summary>
    [Theory, BothDatabases]
    public Task UnitedKingdomCompanyWithPricesIncludingVat(DatabaseKind kind) => BookRandomOrdersAsync(kind, 23, new CompanySettings { Country = "GB" },
        new ShopTaxes("GBP", Included: true, ShippingTaxed: true, [new("VAT", 0.20m)], [new("VAT 5%", 0.05m)]), "", "VAT Control", qboRoundsItsOwnWay: true);

    /// <summary>An Australian company whose prices include GST, with GST-free lines.</summary>
    [Theory, BothDatabases]
    public Task AustralianCompanyWithPricesIncludingGst(DatabaseKind kind) => BookRandomOrdersAsync(kind, 24, new CompanySettings { Country = "AU" },
        new ShopTaxes("AUD", Included: true, ShippingTaxed: true, [new("GST", 0.10m)]), "NSW", "GST Liabilities Payable", qboRoundsItsOwnWay: true);

    /// <summary>A US company with automated sales tax books the order's own tax through QBO's override.</summary>
    [Theory, BothDatabases]
    public Task UnitedStatesCompanyWithAutomatedSalesTax(DatabaseKind kind) => BookRandomOrdersAsync(kind, 25,
        new CompanySettings { Country = "US", SalesTaxEnabled = true, AutomatedSalesTax = true },
        new ShopTaxes("USD", Included: false, ShippingTaxed: true, [new("Texas State Tax", 0.0625m), new("Austin City Tax", 0.02m)]), "TX", "Sales Tax Payable");

    /// <summary>
    /// A US company with manual sales tax: the code of the order's rate, which QBO applies to the taxed lines together
    /// (rounded once). Without order discounts, which QBO would spread over the untaxed lines too.
    /// </summary>
    [Theory, BothDatabases]
    public Task UnitedStatesCompanyWithManualSalesTax(DatabaseKind kind) => BookRandomOrdersAsync(kind, 26, new CompanySettings { Country = "US", SalesTaxEnabled = true },
        new ShopTaxes("USD", Included: false, ShippingTaxed: false, [new("California", 0.08m)]), "CA", "Sales Tax Payable", qboRoundsItsOwnWay: true, orderDiscounts: false);

    /// <summary>A US company without sales tax books the tax on its liability item, at the order's amount.</summary>
    [Theory, BothDatabases]
    public Task UnitedStatesCompanyWithoutSalesTax(DatabaseKind kind) => BookRandomOrdersAsync(kind, 27, new CompanySettings { Country = "US" },
        new ShopTaxes("USD", Included: false, ShippingTaxed: false, [new("California State Tax", 0.0725m), new("Los Angeles County Tax", 0.01m)]), "CA", "Sales Tax Payable");

    private async Task BookRandomOrdersAsync(DatabaseKind kind, int seed, CompanySettings company, ShopTaxes shop, string region, string taxAccount,
        bool qboRoundsItsOwnWay = false, bool orderDiscounts = true)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders", company: company);
        var generator = new RandomOrderEvents(seed, shop, region, orderDiscounts);
        var orders = Enumerable.Range(1, OrdersPerCompany).Select(i => generator.Next(seed * 1000L + i)).ToList();
        // Every fourth order, from the third, is placed with a deposit and cancelled once the others are booked.
        var owedWhenCancelled = Enumerable.Range(0, orders.Count).Where(i => i % 4 == 2).ToDictionary(i => i, i => generator.Deposit(orders[i]));

        var payloadIds = new List<string>();
        for (var i = 0; i < orders.Count; i++)
        {
            var paid = Delivery.Amount(orders[i]["total"]) - owedWhenCancelled.GetValueOrDefault(i);
            payloadIds.Add(await world.SendForPayloadIdAsync(RandomOrderEvents.Placed(orders[i], paid).ToJsonString()));
        }

        // Without sales tax a US company books the tax as a line of its own, at the order's amount.
        var qboTaxes = company.WithDefaults().SalesTaxEnabled == true;
        var qboMayRound = qboTaxes && company.WithDefaults().AutomatedSalesTax != true;
        var bookedTax = 0m;
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            var shown = $"seed {seed}, order {order["id"]}: {order.ToJsonString()}";
            bookedTax += BooksHeld.Booked(world, "Invoice", await world.SettledAsync(payloadIds[i]), Delivery.Amount(order["total"]),
                order["taxes"]!.AsArray().Sum(t => Delivery.Amount(t!["amount"])), order["lines"]!.AsArray().Count + order["shipping"]!.AsArray().Count,
                qboTaxes, qboRoundsItsOwnWay, shown);
        }

        // Every other order is partly returned: some units of some lines, the shipping now and then.
        var refunded = 0m;
        for (var i = 1; i < orders.Count; i += 2)
        {
            var (refund, money, givenBack) = generator.RefundOf(orders[i], seed * 1000L + 500 + i);
            var shown = $"seed {seed}, {refund.ToJsonString()} of order {orders[i].ToJsonString()}";
            var settled = await world.SettledAsync(await world.SendForPayloadIdAsync(refund.ToJsonString()));
            refunded += money;
            bookedTax -= BooksHeld.Booked(world, "RefundReceipt", settled, money, givenBack, refund["refund"]!["lines"]!.AsArray().Count + 1, qboTaxes, qboMayRound, shown);
        }

        // The orders placed with a deposit are cancelled: what each still owed is credited as its share of the order not paid
        // (the order less the deposit's share), tax included, and applied to its invoice.
        foreach (var (i, owed) in owedWhenCancelled)
        {
            var order = orders[i];
            var shown = $"seed {seed}, order {order["id"]} cancelled owing {owed}: {order.ToJsonString()}";
            var cancelled = await world.SettledAsync(await world.SendForPayloadIdAsync(RandomOrderEvents.Cancelled(order).ToJsonString()));
            bookedTax -= BooksHeld.CreditedTheRest(world, await world.SettledAsync(payloadIds[i]), cancelled, owed, Delivery.Amount(order["total"]),
                order["taxes"]!.AsArray().Select(t => Delivery.Amount(t!["amount"])), order["lines"]!.AsArray().Count + order["shipping"]!.AsArray().Count,
                qboTaxes, qboMayRound, shown);
        }

        await BooksHeld.LedgerHoldsAsync(world, orders.Sum(o => Delivery.Amount(o["total"])) - refunded - owedWhenCancelled.Values.Sum(), taxAccount, bookedTax);
    }
}
