using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Books to the cent, whatever the order, and gives back what each refund gave: paid WooCommerce orders drawn at random
/// (<see cref="RandomWooCommerceOrders"/>) with standard, reduced and zero-rate lines, percent coupons and shipping, booked
/// in companies of each tax regime; then every other order refunded once or twice, as WooCommerce lists refunds (an id and
/// an amount each), so each refund is booked as its share of the order. Each invoice comes to the order's total and each
/// refund receipt to the refund's, an order refunded whole gives back all the tax its invoice took, and the ledger holds
/// what the documents say. The generator is seeded, so a failure is the same on every run and names the order.
/// </summary>
public sealed class RandomWooCommerceOrdersBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const int OrdersPerCompany = 12;
    private static readonly IReadOnlyDictionary<string, string> OrderCreated = Delivery.Topic("X-WC-Webhook-Topic", "order.created");
    private static readonly IReadOnlyDictionary<string, string> OrderUpdated = Delivery.Topic("X-WC-Webhook-Topic", "order.updated");

    /// <summary>An Ontario shop: HST, GST alone on some goods, zero-rated goods, taxed shipping.</summary>
    [Theory, BothDatabases]
    public Task OntarioCompany(DatabaseKind kind) => BookRandomOrdersAsync(kind, 21, new CompanySettings { Country = "CA" },
        new WooShop("CAD", new(1, "CA-ON-HST-1", "HST", 13m), new(2, "CA-ON-GST-1", "GST", 5m), new(3, "CA-ON-ZERO RATE-1", "Zero rate", 0m), ShippingTaxed: true, "CA", "ON"),
        "GST/HST Payable");

    /// <summary>A UK shop whose prices exclude VAT: standard, reduced and zero rates, shipping at the standard rate.</summary>
    [Theory, BothDatabases]
    public Task UnitedKingdomCompany(DatabaseKind kind) => BookRandomOrdersAsync(kind, 22, new CompanySettings { Country = "GB" },
        new WooShop("GBP", new(1, "GB-VAT-1", "VAT", 20m), new(2, "GB-REDUCED RATE-1", "Reduced rate", 5m), new(3, "GB-ZERO RATE-1", "Zero rate", 0m), ShippingTaxed: true, "GB", string.Empty),
        "VAT Control");

    /// <summary>
    /// A US company with manual sales tax: QBO taxes the taxed lines together at the shop's rate, rounded once, where the shop
    /// rounds each line's tax.
    /// </summary>
    [Theory, BothDatabases]
    public Task UnitedStatesCompanyWithManualSalesTax(DatabaseKind kind) => BookRandomOrdersAsync(kind, 23, new CompanySettings { Country = "US", SalesTaxEnabled = true },
        new WooShop("USD", new(1, "US-CA-CA TAX-1", "CA Tax", 8m), null, new(3, "US-CA-ZERO RATE-1", "Zero rate", 0m), ShippingTaxed: false, "US", "CA"),
        "Sales Tax Payable", qboRoundsItsOwnWay: true);

    /// <summary>A US company without sales tax books the shop's tax on its liability item.</summary>
    [Theory, BothDatabases]
    public Task UnitedStatesCompanyWithoutSalesTax(DatabaseKind kind) => BookRandomOrdersAsync(kind, 24, new CompanySettings { Country = "US" },
        new WooShop("USD", new(1, "US-TX-TX TAX-1", "TX Tax", 8.25m), null, new(3, "US-TX-ZERO RATE-1", "Zero rate", 0m), ShippingTaxed: true, "US", "TX"),
        "Sales Tax Payable");

    private async Task BookRandomOrdersAsync(DatabaseKind kind, int seed, CompanySettings company, WooShop shop, string taxAccount, bool qboRoundsItsOwnWay = false)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "woocommerce", company: company);
        var generator = new RandomWooCommerceOrders(seed, shop);
        var orders = Enumerable.Range(1, OrdersPerCompany).Select(i => generator.Next(seed * 1000L + i)).ToList();
        var payloadIds = new List<string>();
        foreach (var order in orders)
        {
            payloadIds.Add(await world.SendForPayloadIdAsync(order.ToJsonString(), OrderCreated));
        }

        // QBO carries the tax in TxnTaxDetail where the company keeps sales tax or VAT; without, it is a line at the shop's amount.
        var qboTaxes = company.WithDefaults().SalesTaxEnabled == true;
        decimal TaxOf(JsonObject document) => qboTaxes
            ? (decimal?)document["TxnTaxDetail"]?["TotalTax"] ?? 0m
            : document["Line"]!.AsArray().Where(l => (string?)l!["Description"] == "Sales tax").Sum(l => (decimal)l!["Amount"]!);

        var owed = 0m;
        var invoices = new List<JsonObject>();
        var invoiceTaxDiffers = new List<bool>();
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            var sale = await world.SettledAsync(payloadIds[i]);
            var shown = $"seed {seed}, order {order["id"]}: {order.ToJsonString()}";
            Assert.True(sale.Status == PayloadStatus.Succeeded, $"{sale} ({shown})");
            var invoice = Assert.Single(world.Entities("Invoice"), d => (string?)d["Id"] == sale.DocumentId);
            invoices.Add(invoice);
            invoiceTaxDiffers.Add(sale.Detail.ToString().Contains($"TAX_DIFFERS: QBO's Invoice {sale.DocumentId} ", StringComparison.Ordinal));
            Assert.True(Delivery.Amount(order["total"]) == (decimal)invoice["TotalAmt"]!, $"booked {invoice["TotalAmt"]} ({shown}; invoice {invoice.ToJsonString()})");
            var charged = Delivery.Amount(order["total_tax"]);
            var booked = TaxOf(invoice);
            owed += booked;
            BooksHeld.TaxIsTheStated("Invoice", invoice, booked, charged, order["line_items"]!.AsArray().Count + order["shipping_lines"]!.AsArray().Count, qboRoundsItsOwnWay, sale, shown);
        }

        // Every other order is refunded once, and now and then again; WooCommerce lists every refund so far on each update.
        var refunded = 0m;
        for (var i = 1; i < orders.Count; i += 2)
        {
            var order = orders[i];
            var total = Delivery.Amount(order["total"]);
            var refunds = new List<(long Id, decimal Amount)>();
            var taxGivenBack = 0m;
            var differs = false;
            for (var k = 1; k <= 2 && refunds.Sum(r => r.Amount) < total && (k == 1 || i % 4 == 3); k++)
            {
                refunds.Add(((long)order["id"]! * 10 + k, generator.RefundAmount(total - refunds.Sum(r => r.Amount))));
                var update = RandomWooCommerceOrders.Refunded(order, refunds);
                var shown = $"seed {seed}, refunds {string.Join(", ", refunds)} of order {order["id"]}: {update.ToJsonString()}";
                var settled = await world.SettledAsync(await world.SendForPayloadIdAsync(update.ToJsonString(), OrderUpdated));
                Assert.True(settled.Status == PayloadStatus.Succeeded, $"{settled} ({shown})");

                var (id, amount) = refunds[^1];
                var receipt = Assert.Single(world.Entities("RefundReceipt"), r => ((string?)r["PrivateNote"])?.StartsWith($"Refund {id} of", StringComparison.Ordinal) == true);
                Assert.True(amount == (decimal)receipt["TotalAmt"]!, $"refunded {receipt["TotalAmt"]}, not {amount} ({shown}; receipt {receipt.ToJsonString()})");
                refunded += amount;
                taxGivenBack += TaxOf(receipt);
                differs |= settled.Detail.ToString().Contains($"TAX_DIFFERS: QBO's RefundReceipt {receipt["Id"]} ", StringComparison.Ordinal);
            }

            // Refunds that give back the whole order give back all the tax its invoice took; or the shop's, where QBO took
            // other tax on the invoice (rounded once) and the sync log said so; or QBO's tax on a share was noted apart.
            var invoiceTax = TaxOf(invoices[i]);
            if (refunds.Sum(r => r.Amount) == total && taxGivenBack != invoiceTax && !(taxGivenBack == Delivery.Amount(order["total_tax"]) && invoiceTaxDiffers[i]))
            {
                var lines = order["line_items"]!.AsArray().Count + order["shipping_lines"]!.AsArray().Count;
                Assert.True(differs && Math.Abs(taxGivenBack - invoiceTax) <= 0.01m * lines * refunds.Count,
                    $"seed {seed}, order {order["id"]} refunded whole gave back {taxGivenBack} of the {invoiceTax} of tax its invoice took");
            }

            owed -= taxGivenBack;
        }

        await BooksHeld.LedgerHoldsAsync(world, orders.Sum(o => Delivery.Amount(o["total"])) - refunded, taxAccount, owed);
    }
}
