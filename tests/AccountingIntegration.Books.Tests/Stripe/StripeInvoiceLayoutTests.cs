using AccountingIntegration.Books.Vendors;
using static AccountingIntegration.Books.Tests.Stripe.StripeTestReading;

namespace AccountingIntegration.Books.Tests.Stripe;

/// <summary>
/// Invoices in shapes the fixtures lack. The bodies are written for these tests from Stripe's documented
/// objects: the Invoice (https://docs.stripe.com/api/invoices/object) and Invoice Line Item
/// (https://docs.stripe.com/api/invoice-line-item/object) as of 2025-03-31.basil and later, with
/// <c>pricing.price_details</c>, <c>taxes[]</c>, <c>total_taxes[]</c> and <c>parent</c>
/// (https://docs.stripe.com/changelog/basil/2025-03-31/invoice-pricing-configurations,
/// https://docs.stripe.com/changelog/basil/2025-03-31/invoice-tax-configurations), and the older layout with
/// inclusive <c>tax_amounts</c>.
/// </summary>
public sealed class StripeInvoiceLayoutTests
{
    // Written from the documented 2025 layout: 2.5 seats at 10.00 with a 10% coupon, a 50.00 setup fee with
    // the same coupon, VAT 21% exclusive. No charge or payment_intent: basil removed them from invoices.
    private const string BasilInvoicePaid = """
        {
          "id": "evt_1QbasilInvoicePaid0001",
          "object": "event",
          "api_version": "2025-03-31.basil",
          "created": 1743500000,
          "type": "invoice.paid",
          "data": {
            "object": {
              "id": "in_1QbasilInvoice00000001",
              "object": "invoice",
              "currency": "eur",
              "customer": "cus_RbasilCustomer01",
              "customer_email": "anna.schmidt@example.de",
              "customer_name": "Anna Schmidt",
              "customer_address": { "line1": "Hauptstr. 5", "line2": null, "city": "Berlin", "state": null, "postal_code": "10115", "country": "DE" },
              "number": "A1B2C3-0007",
              "created": 1743490000,
              "effective_at": 1743493600,
              "status": "paid",
              "status_transitions": { "finalized_at": 1743493600, "paid_at": 1743500000, "marked_uncollectible_at": null, "voided_at": null },
              "parent": { "type": "subscription_details", "quote_details": null, "subscription_details": { "subscription": "sub_1QbasilSub0000001", "metadata": {} } },
              "subtotal": 7500,
              "subtotal_excluding_tax": 7500,
              "total_discount_amounts": [ { "amount": 750, "discount": "di_1QbasilCoupon01" } ],
              "total_excluding_tax": 6750,
              "total_taxes": [
                { "amount": 1418, "tax_behavior": "exclusive", "tax_rate_details": { "tax_rate": "txr_1QbasilVat21" }, "taxability_reason": "standard_rated", "taxable_amount": 6750, "type": "tax_rate_details" }
              ],
              "total_pretax_credit_amounts": [ { "amount": 750, "discount": "di_1QbasilCoupon01", "type": "discount" } ],
              "total": 8168,
              "amount_due": 8168,
              "amount_paid": 8168,
              "amount_remaining": 0,
              "amount_shipping": 0,
              "shipping_cost": null,
              "lines": {
                "object": "list",
                "has_more": false,
                "data": [
                  {
                    "id": "il_1QbasilLine000001",
                    "object": "line_item",
                    "amount": 2500,
                    "currency": "eur",
                    "description": "2.5 × Team seat (at €10.00 / month)",
                    "discount_amounts": [ { "amount": 250, "discount": "di_1QbasilCoupon01" } ],
                    "discountable": true,
                    "parent": { "type": "subscription_item_details", "invoice_item_details": null, "subscription_item_details": { "invoice_item": null, "proration": false, "proration_details": { "credited_items": null }, "subscription": "sub_1QbasilSub0000001", "subscription_item": "si_RbasilItem0001" } },
                    "pretax_credit_amounts": [ { "amount": 250, "discount": "di_1QbasilCoupon01", "type": "discount" } ],
                    "pricing": { "type": "price_details", "price_details": { "price": "price_1QbasilSeat001", "product": "prod_RbasilSeat" }, "unit_amount_decimal": "1000" },
                    "quantity": 2,
                    "quantity_decimal": "2.5",
                    "subtotal": 2500,
                    "taxes": [ { "amount": 473, "tax_behavior": "exclusive", "tax_rate_details": { "tax_rate": "txr_1QbasilVat21" }, "taxability_reason": "standard_rated", "taxable_amount": 2250, "type": "tax_rate_details" } ]
                  },
                  {
                    "id": "il_1QbasilLine000002",
                    "object": "line_item",
                    "amount": 5000,
                    "currency": "eur",
                    "description": "Onboarding",
                    "discount_amounts": [ { "amount": 500, "discount": "di_1QbasilCoupon01" } ],
                    "discountable": true,
                    "parent": { "type": "invoice_item_details", "invoice_item_details": { "invoice_item": "ii_1QbasilSetup001", "proration": false, "proration_details": { "credited_items": null }, "subscription": "sub_1QbasilSub0000001" }, "subscription_item_details": null },
                    "pretax_credit_amounts": [ { "amount": 500, "discount": "di_1QbasilCoupon01", "type": "discount" } ],
                    "pricing": { "type": "price_details", "price_details": { "price": "price_1QbasilSetup01", "product": "prod_RbasilSetup" }, "unit_amount_decimal": "5000" },
                    "quantity": 1,
                    "quantity_decimal": "1",
                    "subtotal": 5000,
                    "taxes": [ { "amount": 945, "tax_behavior": "exclusive", "tax_rate_details": { "tax_rate": "txr_1QbasilVat21" }, "taxability_reason": "standard_rated", "taxable_amount": 4500, "type": "tax_rate_details" } ]
                  }
                ]
              }
            }
          }
        }
        """;

    // Written from the documented pre-2025 layout: a GBP price that includes 20% VAT, so the line's amount
    // (12.00) already holds the tax (2.00) and the total equals the subtotal.
    private const string TaxInclusiveInvoicePaid = """
        {
          "id": "evt_1PinclusiveInvoice01",
          "object": "event",
          "api_version": "2024-06-20",
          "created": 1719000000,
          "type": "invoice.paid",
          "data": {
            "object": {
              "id": "in_1PinclusiveInvoice001",
              "object": "invoice",
              "currency": "gbp",
              "customer": "cus_QinclusiveCust1",
              "customer_email": "sam@example.co.uk",
              "customer_name": null,
              "charge": "ch_3PinclusiveCharge01",
              "payment_intent": "pi_3PinclusivePayment1",
              "number": "F00D-0042",
              "created": 1718990000,
              "status_transitions": { "finalized_at": 1718993600, "paid_at": 1719000000 },
              "subtotal": 1200,
              "subtotal_excluding_tax": 1000,
              "tax": 200,
              "total_tax_amounts": [ { "amount": 200, "inclusive": true, "tax_rate": "txr_1PukVat20", "taxability_reason": "standard_rated", "taxable_amount": 1000 } ],
              "total_discount_amounts": [],
              "total_excluding_tax": 1000,
              "total": 1200,
              "amount_paid": 1200,
              "lines": {
                "object": "list",
                "has_more": false,
                "data": [
                  {
                    "id": "il_1PinclusiveLine0001",
                    "object": "line_item",
                    "amount": 1200,
                    "amount_excluding_tax": 1000,
                    "currency": "gbp",
                    "description": "1 × Monthly box (at £12.00 / month)",
                    "discount_amounts": [],
                    "price": { "id": "price_1PinclusiveBox01", "object": "price", "product": "prod_QinclusiveBox", "tax_behavior": "inclusive", "unit_amount": 1200, "unit_amount_decimal": "1200" },
                    "quantity": 1,
                    "tax_amounts": [ { "amount": 200, "inclusive": true, "tax_rate": "txr_1PukVat20", "taxability_reason": "standard_rated", "taxable_amount": 1000 } ],
                    "type": "subscription"
                  }
                ]
              }
            }
          }
        }
        """;

    [Fact]
    public void InvoicePaid_2025Layout_ReadsPricingTaxesAndDiscounts()
    {
        var invoice = ObjectOf(BasilInvoicePaid);
        var lines = invoice.GetProperty("lines").GetProperty("data").EnumerateArray().ToList();

        var read = Read(BasilInvoicePaid);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal("invoice:in_1QbasilInvoice00000001", read.Subject.Key);
        Assert.Empty(read.Aliases);
        var sale = read.Sale!;
        Assert.Equal("EUR", sale.Currency);
        Assert.Equal(Minor(invoice, "total"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(Minor(invoice, "amount_paid"), read.Paid);
        Assert.False(sale.PricesIncludeTax);
        Assert.Equal(0m, sale.OrderDiscount);
        Assert.Empty(sale.Fees);

        Assert.Equal(lines.Select(line => Minor(line, "amount")), sale.Lines.Select(line => line.Amount));
        Assert.Equal(invoice.GetProperty("total_discount_amounts").EnumerateArray().Sum(discount => Minor(discount, "amount")), sale.Lines.Sum(line => line.Discount));
        Assert.Equal(lines.Select(line => line.GetProperty("taxes").EnumerateArray().Sum(tax => Minor(tax, "amount"))), sale.Lines.Select(line => line.Tax));
        Assert.Equal(["prod_RbasilSeat", "prod_RbasilSetup"], sale.Lines.Select(line => line.ItemKey));
        Assert.Equal(2.5m, sale.Lines[0].Quantity);
        Assert.Equal(decimal.Parse(lines[0].GetProperty("pricing").GetProperty("unit_amount_decimal").GetString()!, System.Globalization.CultureInfo.InvariantCulture) / 100m, sale.Lines[0].UnitPrice);

        var tax = Assert.Single(sale.Taxes);
        Assert.Equal("txr_1QbasilVat21", tax.Name);
        Assert.Equal(invoice.GetProperty("total_taxes").EnumerateArray().Sum(entry => Minor(entry, "amount")), tax.Amount);
        Assert.Equal(Minor(invoice, "total") - Minor(invoice, "total_excluding_tax"), sale.TaxTotal);

        Assert.Equal("Anna Schmidt", sale.Customer.Name);
        Assert.Equal("anna.schmidt@example.de", sale.Customer.Email);
        Assert.Equal("cus_RbasilCustomer01", sale.Customer.ExternalId);
        Assert.Equal("DE", sale.Customer.BillingAddress!.Country);
        Assert.Equal(new DateOnly(2025, 4, 1), sale.Date);
        Assert.Equal("in_1QbasilInvoice00000001", read.Payment!.Reference);
    }

    [Fact]
    public void InvoicePaid_TaxInclusivePrices_KeepsLinesGrossAndMarksPricesIncludeTax()
    {
        var invoice = ObjectOf(TaxInclusiveInvoicePaid);

        var read = Read(TaxInclusiveInvoicePaid);

        var sale = read.Sale!;
        Assert.True(sale.PricesIncludeTax);
        Assert.Equal("GBP", sale.Currency);
        Assert.Equal(Minor(invoice, "total"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(Minor(invoice, "subtotal"), Assert.Single(sale.Lines).Amount);
        Assert.Equal(Minor(invoice, "tax"), sale.TaxTotal);
        Assert.Equal(Minor(invoice, "total") - Minor(invoice, "total_excluding_tax"), sale.TaxTotal);
        Assert.Equal(["charge:ch_3PinclusiveCharge01", "payment_intent:pi_3PinclusivePayment1"], read.Aliases.Select(alias => alias.Key));
    }

    [Fact]
    public void InvoicePaid_LinesShortOfTheTotal_KeepsTheDifferenceAsAnAdjustment()
    {
        // The webhook carries the first page of lines only; here the second page (15.00) is missing.
        var truncated = TaxInclusiveInvoicePaid
            .Replace("\"has_more\": false", "\"has_more\": true", StringComparison.Ordinal)
            .Replace("\"total\": 1200", "\"total\": 2700", StringComparison.Ordinal)
            .Replace("\"amount_paid\": 1200", "\"amount_paid\": 2700", StringComparison.Ordinal);

        var sale = Read(truncated).Sale!;

        Assert.Equal(27.00m, sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        var adjustment = Assert.Single(sale.Fees);
        Assert.Equal(SaleReconciliation.AdjustmentName, adjustment.Description);
        Assert.Equal(15.00m, adjustment.Amount);
        Assert.Equal("The sale's parts come to 12.00, but its total is 27.00: the 15.00 its parts do not show is booked as an \"Adjustment\" fee.",
            Assert.Single(sale.Notes));
    }

    /// <summary>
    /// Shipping of 5.00 taxed 1.05 (<c>shipping_cost</c>), outside the per-rate summary of the line items' tax: the
    /// shipping's tax is tax, owed like the rest, not an adjustment to income.
    /// </summary>
    [Fact]
    public void InvoicePaid_ShippingTaxOutsideTheLinesTaxSummary_IsBookedAsTax()
    {
        var shipped = BasilInvoicePaid
            .Replace("\"shipping_cost\": null", "\"shipping_cost\": { \"amount_subtotal\": 500, \"amount_tax\": 105, \"amount_total\": 605, \"shipping_rate\": \"shr_1\" }", StringComparison.Ordinal)
            .Replace("\"total\": 8168", "\"total\": 8773", StringComparison.Ordinal)
            .Replace("\"amount_due\": 8168", "\"amount_due\": 8773", StringComparison.Ordinal)
            .Replace("\"amount_paid\": 8168", "\"amount_paid\": 8773", StringComparison.Ordinal);

        var sale = Read(shipped).Sale!;

        Assert.Equal((87.73m, 87.73m), (sale.Total, sale.ComputedTotal));
        Assert.Equal((5.00m, 1.05m), (Assert.Single(sale.Shipping).Amount, sale.Shipping[0].Tax));
        Assert.Equal(14.18m + 1.05m, sale.TaxTotal);
        Assert.Equal(("Tax on shipping", sale.Taxes[0].Rate), (sale.Taxes[^1].Name, sale.Taxes[^1].Rate));
        Assert.Empty(sale.Fees);
        Assert.Empty(sale.Notes);
    }

    [Fact]
    public void InvoicePaid_ProrationCredit_ReducesTheSaleAsADiscount()
    {
        // A proration credit line ("Unused time", -4.00) on a 2025-layout invoice: the total is 81.68 - 4.00.
        var withCredit = BasilInvoicePaid
            .Replace("\"data\": [\n", """
                "data": [
                  { "id": "il_1QbasilCredit0001", "object": "line_item", "amount": -400, "currency": "eur", "description": "Unused time on Team seat", "discount_amounts": [], "pricing": { "type": "price_details", "price_details": { "price": "price_1QbasilSeat001", "product": "prod_RbasilSeat" }, "unit_amount_decimal": "1000" }, "quantity": 1, "taxes": [] },

                """, StringComparison.Ordinal)
            .Replace("\"total\": 8168", "\"total\": 7768", StringComparison.Ordinal)
            .Replace("\"amount_paid\": 8168", "\"amount_paid\": 7768", StringComparison.Ordinal);

        var sale = Read(withCredit).Sale!;

        Assert.Equal(77.68m, sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(4.00m, sale.OrderDiscount);
        Assert.All(sale.Lines, line => Assert.True(line.Amount > 0));
    }

    [Fact]
    public void InvoicePaid_WithoutTotal_FailsNamingTheField()
    {
        var broken = TaxInclusiveInvoicePaid.Replace("\"total\": 1200,", string.Empty, StringComparison.Ordinal);

        var result = ReadResult(broken);

        Assert.Null(result.Event);
        Assert.Equal("data.object.total", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void InvoiceVoided_CancelsTheInvoice()
    {
        var voided = TaxInclusiveInvoicePaid.Replace("\"type\": \"invoice.paid\"", "\"type\": \"invoice.voided\"", StringComparison.Ordinal);

        var read = Read(voided);

        Assert.Equal(EventMeaning.Cancellation, read.Meaning);
        Assert.Equal("invoice:in_1PinclusiveInvoice001", read.Subject.Key);
        Assert.Equal("invoice:in_1PinclusiveInvoice001", read.Original!.Key);
    }

    /// <summary>A credit of what a voided invoice still owed is dated when it was voided, not when it was sold.</summary>
    [Fact]
    public void InvoiceVoided_IsCancelledOnTheDayItWasVoided()
    {
        var voided = TaxInclusiveInvoicePaid
            .Replace("\"type\": \"invoice.paid\"", "\"type\": \"invoice.voided\"", StringComparison.Ordinal)
            .Replace("\"paid_at\": 1719000000 }", "\"paid_at\": null, \"voided_at\": 1746000000 }", StringComparison.Ordinal);

        Assert.Equal(new DateOnly(2025, 4, 30), Read(voided).CancelledOn);
    }

    [Theory]
    [InlineData("invoice.finalized")]
    [InlineData("invoice.created")]
    [InlineData("invoice.payment_succeeded")]
    [InlineData("invoice.marked_uncollectible")]
    public void InvoiceLifecycleBeforeOrBesidePayment_MovesNoMoney(string eventType)
    {
        var other = TaxInclusiveInvoicePaid.Replace("\"type\": \"invoice.paid\"", $"\"type\": \"{eventType}\"", StringComparison.Ordinal);

        var read = Read(other);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.False(string.IsNullOrWhiteSpace(read.IgnoredBecause));
    }
}
