using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>What an order charges besides its items: shipping, tips, duties and fees, and the tax on all of it.</summary>
internal static class ShopifyCharges
{
    /// <summary>
    /// Shipping lines at their price, with the discount (a free-shipping code) as the difference to
    /// <c>discounted_price</c>. Lines an edit removed (<c>is_removed</c>) are left out.
    /// </summary>
    public static IReadOnlyList<Charge> Shipping(JsonElement order) =>
        order.Array("shipping_lines")
            .Where(line => line.Bool("is_removed") != true)
            .Select(line =>
            {
                var price = line.Amount("price") ?? 0m;
                var discount = line.Amount("discounted_price") is { } discounted ? price - discounted : line.SumOf("discount_allocations", "amount");
                var taxes = line.Array("tax_lines").ToList();
                return new Charge(line.Text("title") ?? line.Text("code") ?? "Shipping", price)
                {
                    Discount = discount,
                    Tax = taxes.Sum(tax => tax.Amount("price") ?? 0m),
                    TaxRate = ShopifyLines.CombinedRate(taxes),
                };
            })
            .ToList();

    public static IReadOnlyList<Charge> Tips(decimal tip) => tip > 0m ? [new Charge("Tip", tip)] : [];

    /// <summary>Import duties and additional fees (Shopify's MoneyBags), both part of the order's total.</summary>
    public static IReadOnlyList<Charge> Fees(JsonElement order, ShopifyOrderView view)
    {
        var fees = new List<Charge>();
        if (order.MoneyBag(view.Duties) is decimal duties and > 0m)
        {
            fees.Add(new Charge("Duties", duties) { IsDuties = true });
        }

        if (order.MoneyBag(view.AdditionalFees) is decimal additional and > 0m)
        {
            fees.Add(new Charge("Additional fees", additional));
        }

        return fees;
    }

    /// <summary>
    /// Sold through a merchant of record: <c>merchant_of_record_app_id</c>, "the application acting as the Merchant of Record
    /// for the order" (https://shopify.dev/docs/api/admin-rest/latest/resources/order), is set when an order is sold through
    /// Managed Markets (formerly Markets Pro), where Global-e is the legal seller to the buyer and remits the taxes and duties
    /// itself (Shopify Help Center, "Overview of Managed Markets": merchant of record). Null for the shop's own sales. Or sold
    /// through a sales channel that remits all of the order's tax itself (<paramref name="channelRemits"/>, <see cref="TaxRemitted"/>),
    /// as a marketplace does.
    /// </summary>
    public static bool SoldThroughMerchantOfRecord(JsonElement order, ByTheChannel channelRemits) =>
        order.Text("merchant_of_record_app_id") is not null || channelRemits == ByTheChannel.All;

    /// <summary>
    /// How much of the order's tax the sales channel that submitted it remits: each tax line's <c>channel_liable</c>, "true
    /// indicates that the channel is responsible for remittance of the tax line"; "most marketplaces are the liable party for
    /// sales tax, and should be excluded from merchant sales tax filings" (https://shopify.dev/changelog/taxline-object-now-has-a-channel_liable-field).
    /// The order's, its line items' and its shipping lines' tax lines that charged tax are all read.
    /// </summary>
    public static ByTheChannel TaxRemitted(JsonElement order)
    {
        var charged = order.Array("tax_lines")
            .Concat(order.Array("line_items").SelectMany(line => line.Array("tax_lines")))
            .Concat(order.Array("shipping_lines").SelectMany(line => line.Array("tax_lines")))
            .Where(tax => (tax.Amount("price") ?? 0m) != 0m)
            .Select(tax => tax.Bool("channel_liable") == true)
            .ToList();
        return charged.Count == 0 || !charged.Contains(true) ? ByTheChannel.None
            : charged.All(liable => liable) ? ByTheChannel.All
            : ByTheChannel.Part;
    }

    public enum ByTheChannel
    {
        None,
        Part,
        All,
    }

    /// <summary>
    /// The order's <c>tax_lines</c> (one per rate and jurisdiction, <c>rate</c> a number) when they add up to the
    /// order's tax total; the total is the authority, so when they do not, it is kept as one line.
    /// </summary>
    public static IReadOnlyList<TaxLine> Taxes(JsonElement order, ShopifyOrderView view)
    {
        var reported = order.Array("tax_lines")
            .Select(tax => new TaxLine(tax.Text("title") ?? "Tax", tax.Decimal("rate"), tax.Amount("price") ?? 0m))
            .Where(tax => tax.Amount != 0m)
            .ToList();
        var total = order.Amount(view.TotalTax) ?? order.Amount("total_tax") ?? reported.Sum(tax => tax.Amount);
        if (reported.Sum(tax => tax.Amount) == total)
        {
            return reported;
        }

        if (total == 0m)
        {
            return [];
        }

        var single = reported.Select(tax => tax.Name).Distinct().Count() == 1 ? reported[0] : null;
        return [new TaxLine(single?.Name ?? "Tax", single?.Rate, total)];
    }
}
