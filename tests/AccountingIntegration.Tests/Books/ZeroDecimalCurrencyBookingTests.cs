using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// A sale in a currency without a minor unit, taxed by a company that computes VAT line by line: the yen is not cut into
/// cents. 20 % of ¥3,333 is ¥667 to the whole yen, as the vendor charged it, not ¥666.60.
/// </summary>
public sealed class ZeroDecimalCurrencyBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task StripeYenInvoiceWithVat_InAPoundCompany_BooksItsTotalToTheYen(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe",
            company: new CompanySettings { Country = "GB", MultiCurrencyEnabled = true });
        var paid = Delivery.Fixture("stripe/invoice.paid.json");
        var invoiceJson = paid["data"]!["object"]!;
        var line = invoiceJson["lines"]!["data"]![0]!;
        (invoiceJson["currency"], line["currency"], line["price"]!["currency"]) = ("jpy", "jpy", "jpy");
        (line["amount"], line["quantity"], line["price"]!["unit_amount"], line["price"]!["unit_amount_decimal"]) = (3333, 1, 3333, "3333");
        line["tax_amounts"] = JsonNode.Parse("""[{ "amount": 667, "inclusive": false, "tax_rate": "txr_1" }]""");
        invoiceJson["total_tax_amounts"] = JsonNode.Parse("""[{ "amount": 667, "inclusive": false, "tax_rate": "txr_1" }]""");
        (invoiceJson["subtotal"], invoiceJson["tax"], invoiceJson["total"], invoiceJson["amount_due"], invoiceJson["amount_paid"]) = (3333, 667, 4000, 4000, 4000);

        var sale = await world.DeliverAsync(paid.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal("JPY", (string?)invoice["CurrencyRef"]!["value"]);
        Assert.Equal((4000m, 667m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["TxnTaxDetail"]!["TotalTax"]!));
        Assert.DoesNotContain(invoice["Line"]!.AsArray(), l => (string?)l!["Description"] == "Rounding");
        Assert.Equal(0m, (decimal)invoice["Balance"]!);
    }
}
