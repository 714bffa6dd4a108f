using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>How much of an order the customer has paid, and how much of that with gift cards.</summary>
internal static class ShopifyPayments
{
    /// <summary>
    /// The total less <c>total_outstanding</c> ("the outstanding balance on the order") when Shopify sends it:
    /// the balance is what the books need, and Shopify's own docs example says <c>financial_status: paid</c>
    /// with 131.09 of 181.09 still outstanding. Without it, orders/paid means paid in full, and otherwise the
    /// financial status says whether the whole total was captured (a partial capture's amount is unknown).
    /// </summary>
    public static decimal Paid(string topic, JsonElement order, decimal total, ShopifyOrderState state)
    {
        if (order.Decimal("total_outstanding") is { } outstanding)
        {
            return Math.Clamp(total - outstanding, 0m, Math.Max(total, 0m));
        }

        if (topic == ShopifyTopics.OrderPaid)
        {
            return total;
        }

        return state.FinancialStatus is "paid" or "partially_refunded" or "refunded" ? total : 0m;
    }

    /// <summary>
    /// A gift card is a tender, not a discount. An order body does not say how much each gateway took: a
    /// body that carries the order's transactions gives the gift card part exactly; an order paid only
    /// through the "gift_card" gateway was paid wholly by gift card; a mixed order's split is not in the body.
    /// </summary>
    public static decimal GiftCards(JsonElement order, decimal paid)
    {
        if (order.At("transactions") is { ValueKind: JsonValueKind.Array })
        {
            var byGiftCard = order.Array("transactions")
                .Where(transaction => transaction.Text("gateway") == "gift_card"
                    && transaction.Text("kind") is "sale" or "capture"
                    && transaction.Text("status") == "success")
                .Sum(transaction => transaction.Amount("amount") ?? 0m);
            return Math.Min(byGiftCard, paid);
        }

        var gateways = order.Array("payment_gateway_names").Select(gateway => gateway.ValueKind == JsonValueKind.String ? gateway.GetString() : null).ToList();
        return gateways.Count > 0 && gateways.All(gateway => gateway == "gift_card") ? paid : 0m;
    }
}
