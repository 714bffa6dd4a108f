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

        var sale = await world.DeliverAsync(YenInvoicePaid());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal("JPY", (string?)invoice["CurrencyRef"]!["value"]);
        Assert.Equal((4000m, 667m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["TxnTaxDetail"]!["TotalTax"]!));
        Assert.DoesNotContain(invoice["Line"]!.AsArray(), l => (string?)l!["Description"] == "Rounding");
        Assert.Equal(0m, (decimal)invoice["Balance"]!);
    }

    /// <summary>
    /// Half of that sale refunded, the refund stating only its ¥2,000: its share is ¥1,666 with ¥334 of VAT, on which QBO's
    /// 20 % is ¥333. The line moves by whole yen (¥1,668, whose 20 % is ¥334), not by cents the yen does not have, and the
    /// rounding line of -¥2 is within the tolerance, which in yen is five yen, not five hundredths of one: before, the refund
    /// was refused for being ¥1 from its total. The second half gives back the rest, and the VAT comes to nothing.
    /// </summary>
    [Theory, BothDatabases]
    public async Task StripeYenRefundsOfHalf_InAPoundCompany_GiveBackTheVatToTheYen(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe",
            company: new CompanySettings { Country = "GB", MultiCurrencyEnabled = true });
        Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(YenInvoicePaid())).Status);

        var first = await world.DeliverAsync(YenRefund("re_3QyenHalf000000001", "evt_3QyenRefund000001", created: 1648406400));

        Assert.True(first.Status == PayloadStatus.Succeeded, first.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal((2000m, 334m), ((decimal)receipt["TotalAmt"]!, (decimal)receipt["TxnTaxDetail"]!["TotalTax"]!));

        var second = await world.DeliverAsync(YenRefund("re_3QyenHalf000000002", "evt_3QyenRefund000002", created: 1648492800));

        Assert.True(second.Status == PayloadStatus.Succeeded, second.ToString());
        Assert.Equal([334m, 333m], world.Entities("RefundReceipt").Select(r => (decimal)r["TxnTaxDetail"]!["TotalTax"]!).Order().Reverse());
    }

    /// <summary>The fixture's invoice as one line of ¥3,333 with ¥667 of VAT, paid.</summary>
    private static string YenInvoicePaid()
    {
        var paid = Delivery.Fixture("stripe/invoice.paid.json");
        var invoiceJson = paid["data"]!["object"]!;
        var line = invoiceJson["lines"]!["data"]![0]!;
        (invoiceJson["currency"], line["currency"], line["price"]!["currency"]) = ("jpy", "jpy", "jpy");
        (line["amount"], line["quantity"], line["price"]!["unit_amount"], line["price"]!["unit_amount_decimal"]) = (3333, 1, 3333, "3333");
        line["tax_amounts"] = JsonNode.Parse("""[{ "amount": 667, "inclusive": false, "tax_rate": "txr_1" }]""");
        invoiceJson["total_tax_amounts"] = JsonNode.Parse("""[{ "amount": 667, "inclusive": false, "tax_rate": "txr_1" }]""");
        (invoiceJson["subtotal"], invoiceJson["tax"], invoiceJson["total"], invoiceJson["amount_due"], invoiceJson["amount_paid"]) = (3333, 667, 4000, 4000, 4000);
        return paid.ToJsonString();
    }

    /// <summary>A refund of ¥2,000 on the invoice's charge, succeeded, as API 2024-12-18 tells it (refund.created).</summary>
    private static string YenRefund(string refundId, string eventId, long created) => $$"""
        {
          "id": "{{eventId}}", "object": "event", "api_version": "2024-12-18.acacia", "created": {{created}}, "type": "refund.created",
          "data": { "object": {
            "id": "{{refundId}}", "object": "refund", "amount": 2000, "charge": "ch_000000000000000000000000", "created": {{created}},
            "currency": "jpy", "payment_intent": "pi_000000000000000000000000", "status": "succeeded"
          } }
        }
        """;
}
