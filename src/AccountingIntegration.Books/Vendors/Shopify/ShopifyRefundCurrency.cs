using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// A refund's money in the shop's currency. The order is booked in the shop's currency, but a refund's
/// transactions are in the customer's (presentment) currency: Shopify's RefundInput says a refund's currency
/// "must be the presentment currency", and the REST Transaction has only <c>amount</c> and <c>currency</c>, no
/// MoneyBag. The refund's parts (returned lines, tax, shipping, adjustments, duties) are MoneyBags stating
/// both currencies, so their ratio is the rate Shopify itself applied to this refund.
/// </summary>
internal static class ShopifyRefundCurrency
{
    /// <summary>The MoneyBags a REST Refund carries, as paths under each element of the named array.</summary>
    private static readonly (string Array, string Bag)[] Bags =
    [
        ("refund_line_items", "subtotal_set"),
        ("refund_line_items", "total_tax_set"),
        ("refund_shipping_lines", "subtotal_amount_set"),
        ("refund_shipping_lines", "tax_amount_set"),
        ("order_adjustments", "amount_set"),
        ("order_adjustments", "tax_amount_set"),
        ("duties", "amount_set"),
    ];

    /// <summary>The shop's currency, as the refund's MoneyBags name it; null when the body has none (old shapes).</summary>
    public static string? ShopCurrency(JsonElement refund) =>
        Pairs(refund).Select(pair => pair.ShopCurrency).FirstOrDefault(code => code is not null)?.ToUpperInvariant();

    /// <summary>
    /// An amount the customer got back in <paramref name="presentment"/>, in <paramref name="shop"/> currency at
    /// the refund's own rate; null when the refund states nothing in both currencies to take the rate from.
    /// </summary>
    public static decimal? ToShop(JsonElement refund, decimal amount, string presentment, string shop)
    {
        var both = Pairs(refund)
            .Where(pair => string.Equals(pair.ShopCurrency, shop, StringComparison.OrdinalIgnoreCase)
                && string.Equals(pair.PresentmentCurrency, presentment, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var inPresentment = both.Sum(pair => Math.Abs(pair.Presentment));
        if (inPresentment == 0m)
        {
            return null;
        }

        return Money.Round(amount * both.Sum(pair => Math.Abs(pair.Shop)) / inPresentment, shop);
    }

    private static IEnumerable<(decimal Shop, string? ShopCurrency, decimal Presentment, string? PresentmentCurrency)> Pairs(JsonElement refund) =>
        from bag in Bags
        from item in refund.Array(bag.Array)
        let shop = item.Decimal($"{bag.Bag}.shop_money.amount")
        let presentment = item.Decimal($"{bag.Bag}.presentment_money.amount")
        where shop is not null && presentment is not null
        select (shop.Value, item.Text($"{bag.Bag}.shop_money.currency_code"), presentment.Value, item.Text($"{bag.Bag}.presentment_money.currency_code"));
}
