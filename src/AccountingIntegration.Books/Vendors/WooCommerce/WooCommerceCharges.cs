using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>A REST v3 order's shipping, fees and taxes.</summary>
internal static class WooCommerceCharges
{
    /// <summary>
    /// Shipping lines at their total. Each names its tax rates as line items do (<c>taxes[].id</c>), so its rate is the
    /// one stated, not one worked out from amounts WooCommerce rounded (0.83 on 4.17 is 20 %, not 19.9 %).
    /// </summary>
    public static IReadOnlyList<Charge> Shipping(JsonElement order, bool includesTax)
    {
        var rates = RatesById(order);
        return order.Array("shipping_lines")
            .Select(line =>
            {
                var tax = line.Decimal("total_tax") ?? 0m;
                return new Charge(line.Decoded("method_title") ?? "Shipping", (line.Decimal("total") ?? 0m) + (includesTax ? tax : 0m))
                {
                    Tax = tax,
                    TaxRate = RateOf(line, rates),
                };
            })
            .ToList();
    }

    /// <summary>
    /// Fee lines the customer paid. A negative fee is how many shops (and plugins) give a cart discount; it
    /// is a discount on the sale, not a fee, so it is returned apart, positive, with the tax it took off and its rate
    /// (its <c>taxes</c>) when it states them and every such fee took it at the same rate: that says which lines it is off.
    /// </summary>
    public static (IReadOnlyList<Charge> Charges, decimal Discounts, (decimal Tax, decimal Rate)? DiscountTax) Fees(JsonElement order, bool includesTax)
    {
        var rates = RatesById(order);
        var charges = new List<Charge>();
        var discounts = 0m;
        var discountTaxes = new List<(decimal Tax, decimal? Rate)>();
        foreach (var line in order.Array("fee_lines"))
        {
            var tax = line.Decimal("total_tax") ?? 0m;
            var amount = (line.Decimal("total") ?? 0m) + (includesTax ? tax : 0m);
            if (amount < 0m)
            {
                discounts -= amount;
                discountTaxes.Add((-tax, tax == 0m ? null : RateOf(line, rates)));
                continue;
            }

            charges.Add(new Charge(line.Decoded("name") ?? "Fee", amount) { Tax = tax, TaxRate = RateOf(line, rates) });
        }

        var taxed = discountTaxes.Where(d => d.Tax != 0m).ToList();
        (decimal, decimal)? discountTax = taxed.Count > 0 && taxed.All(d => d.Rate is > 0m) && taxed.Select(d => d.Rate).Distinct().Count() == 1
            ? (taxed.Sum(d => d.Tax), taxed[0].Rate!.Value)
            : null;
        return (charges, discounts, discountTax);
    }

    /// <summary>
    /// The order's tax lines, each rate's <c>tax_total</c> plus its <c>shipping_tax_total</c>; newer WooCommerce adds
    /// <c>rate_percent</c>. The order's <c>total_tax</c> ("Sum of all taxes") is the authority: when the lines do not
    /// come to it, it is kept as one line.
    /// </summary>
    public static IReadOnlyList<TaxLine> Taxes(JsonElement order)
    {
        var lines = order.Array("tax_lines")
            .Select(line => new TaxLine(
                line.Decoded("label") ?? line.Text("rate_code") ?? "Tax",
                line.Decimal("rate_percent") / 100m,
                (line.Decimal("tax_total") ?? 0m) + (line.Decimal("shipping_tax_total") ?? 0m)))
            .Where(line => line.Amount != 0m)
            .ToList();
        var total = order.Decimal("total_tax") ?? lines.Sum(line => line.Amount);
        if (lines.Sum(line => line.Amount) == total)
        {
            return lines;
        }

        return total == 0m ? [] : [new TaxLine("Tax", null, total)];
    }

    /// <summary>Each tax line's rate (0.075 for 7.5 %) by its <c>rate_id</c>, where WooCommerce states the percent.</summary>
    public static IReadOnlyDictionary<string, decimal> RatesById(JsonElement order) =>
        order.Array("tax_lines")
            .Where(line => line.Text("rate_id") is not null && line.Decimal("rate_percent") is not null)
            .GroupBy(line => line.Text("rate_id")!)
            .ToDictionary(group => group.Key, group => group.First().Decimal("rate_percent")!.Value / 100m);

    /// <summary>
    /// The rate a line item, shipping line or fee line is taxed at: the sum of the rates its <c>taxes[].id</c> name (each
    /// the <c>rate_id</c> of an order tax line); null when it names none, or one whose percent the order does not state.
    /// </summary>
    public static decimal? RateOf(JsonElement line, IReadOnlyDictionary<string, decimal> rates)
    {
        var ids = line.Array("taxes").Select(tax => tax.Text("id")).OfType<string>().Distinct().ToList();
        return ids.Count > 0 && ids.All(rates.ContainsKey) ? ids.Sum(id => rates[id]) : null;
    }
}
