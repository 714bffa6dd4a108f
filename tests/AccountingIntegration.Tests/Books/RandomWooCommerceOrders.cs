using System.Text.Json.Nodes;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>One of a WooCommerce shop's tax rates: its rate code (country, state, name, priority) and percentage.</summary>
internal sealed record WooRate(int Id, string Code, string Label, decimal Percent);

/// <summary>
/// How a WooCommerce shop taxes (prices entered without tax): its standard rate, a reduced rate some lines take where it
/// has one, the zero rate of its zero-rate class, whether shipping is taxed, and the buyer's address.
/// </summary>
internal sealed record WooShop(string Currency, WooRate Standard, WooRate? Reduced, WooRate Zero, bool ShippingTaxed, string Country, string State);

/// <summary>
/// Paid WooCommerce orders (REST v3 bodies, as the order.created and order.updated webhooks send them) drawn from a seeded
/// generator, each consistent the way WooCommerce states one: lines of one to four units at the standard, reduced or zero
/// rate, a percent coupon on every line now and then (each line's <c>total</c> its <c>subtotal</c> less its share), each
/// line's tax rounded to the cent on what it was charged, shipping or not, the order's tax lines the sums by rate and its
/// totals the sums of those. Refunds are listed as WooCommerce lists them on the order: an id and a negative total each,
/// newest first. The same seed gives the same orders.
/// </summary>
internal sealed class RandomWooCommerceOrders(int seed, WooShop shop) : SeededOrders(seed)
{
    public JsonObject Next(long orderId)
    {
        var lines = new JsonArray();
        var taxes = new Dictionary<WooRate, (decimal Lines, decimal Shipping)>();
        decimal subtotals = 0m, totals = 0m, discountTax = 0m;
        var coupon = Random.Next(3) == 0 ? Random.Next(1, 6) * 5m : 0m;
        var lineCount = Random.Next(1, 5);
        for (var i = 0; i < lineCount; i++)
        {
            var quantity = Random.Next(1, 5);
            var subtotal = Cents(100, 20_000) * quantity;
            var total = subtotal - Round(subtotal * coupon / 100m);
            var rate = Random.Next(6) switch { 0 => shop.Zero, 1 when shop.Reduced is { } reduced => reduced, _ => shop.Standard };
            var tax = Round(total * rate.Percent / 100m);
            var subtotalTax = Round(subtotal * rate.Percent / 100m);
            lines.Add(new JsonObject
            {
                ["id"] = NextLineId(),
                ["name"] = $"Product {i + 1}",
                ["product_id"] = 700 + i,
                ["variation_id"] = 0,
                ["quantity"] = quantity,
                ["tax_class"] = rate == shop.Standard ? string.Empty : rate == shop.Zero ? "zero-rate" : "reduced-rate",
                ["subtotal"] = Delivery.Text(subtotal),
                ["subtotal_tax"] = Delivery.Text(subtotalTax),
                ["total"] = Delivery.Text(total),
                ["total_tax"] = Delivery.Text(tax),
                ["taxes"] = new JsonArray(new JsonObject { ["id"] = rate.Id, ["total"] = Delivery.Text(tax), ["subtotal"] = Delivery.Text(subtotalTax) }),
                ["meta_data"] = new JsonArray(),
                ["sku"] = $"WOO-{Seed}-{orderId}-{i}",
                ["price"] = total / quantity,
            });
            subtotals += subtotal;
            totals += total;
            discountTax += subtotalTax - tax;
            taxes[rate] = (taxes.GetValueOrDefault(rate).Lines + tax, 0m);
        }

        var shippingLines = new JsonArray();
        var shipping = 0m;
        var shippingTax = 0m;
        if (Random.Next(2) == 0)
        {
            shipping = Cents(0, 2_500);
            var rate = shop.ShippingTaxed ? shop.Standard : shop.Zero;
            shippingTax = Round(shipping * rate.Percent / 100m);
            shippingLines.Add(new JsonObject
            {
                ["id"] = NextLineId(),
                ["method_title"] = "Flat rate",
                ["method_id"] = "flat_rate",
                ["total"] = Delivery.Text(shipping),
                ["total_tax"] = Delivery.Text(shippingTax),
                ["taxes"] = new JsonArray(new JsonObject { ["id"] = rate.Id, ["total"] = Delivery.Text(shippingTax), ["subtotal"] = string.Empty }),
                ["meta_data"] = new JsonArray(),
            });
            taxes[rate] = (taxes.GetValueOrDefault(rate).Lines, shippingTax);
        }

        var cartTax = taxes.Values.Sum(t => t.Lines);
        var address = new JsonObject
        {
            ["first_name"] = "Random", ["last_name"] = $"Buyer {orderId}", ["company"] = string.Empty, ["address_1"] = "1 Main Street", ["address_2"] = string.Empty,
            ["city"] = "Somewhere", ["state"] = shop.State, ["postcode"] = "A1A 1A1", ["country"] = shop.Country, ["email"] = $"buyer{orderId}@example.com", ["phone"] = string.Empty,
        };
        var shippingAddress = address.DeepClone().AsObject();
        shippingAddress.Remove("email");
        shippingAddress.Remove("phone");
        return new JsonObject
        {
            ["id"] = orderId,
            ["parent_id"] = 0,
            ["number"] = $"{orderId}",
            ["order_key"] = $"wc_order_{orderId}",
            ["created_via"] = "checkout",
            ["version"] = "9.4.0",
            ["status"] = "processing",
            ["currency"] = shop.Currency,
            ["date_created"] = "2026-11-20T10:00:00",
            ["date_created_gmt"] = "2026-11-20T15:00:00",
            ["date_modified"] = "2026-11-20T10:00:00",
            ["date_modified_gmt"] = "2026-11-20T15:00:00",
            ["discount_total"] = Delivery.Text(subtotals - totals),
            ["discount_tax"] = Delivery.Text(discountTax),
            ["shipping_total"] = Delivery.Text(shipping),
            ["shipping_tax"] = Delivery.Text(shippingTax),
            ["cart_tax"] = Delivery.Text(cartTax),
            ["total"] = Delivery.Text(totals + shipping + cartTax + shippingTax),
            ["total_tax"] = Delivery.Text(cartTax + shippingTax),
            ["prices_include_tax"] = false,
            ["customer_id"] = orderId + 1,
            ["customer_note"] = string.Empty,
            ["billing"] = address,
            ["shipping"] = shippingAddress,
            ["payment_method"] = "stripe",
            ["payment_method_title"] = "Credit card",
            ["transaction_id"] = $"ch_{orderId}",
            ["date_paid"] = "2026-11-20T10:00:00",
            ["date_paid_gmt"] = "2026-11-20T15:00:00",
            ["date_completed"] = null,
            ["date_completed_gmt"] = null,
            ["meta_data"] = new JsonArray(),
            ["line_items"] = lines,
            ["tax_lines"] = new JsonArray([.. taxes.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = NextLineId(), ["rate_code"] = t.Key.Code, ["rate_id"] = t.Key.Id, ["label"] = t.Key.Label, ["compound"] = false,
                ["tax_total"] = Delivery.Text(t.Value.Lines), ["shipping_tax_total"] = Delivery.Text(t.Value.Shipping), ["rate_percent"] = t.Key.Percent, ["meta_data"] = new JsonArray(),
            })]),
            ["shipping_lines"] = shippingLines,
            ["fee_lines"] = new JsonArray(),
            ["coupon_lines"] = coupon > 0m
                ? new JsonArray(new JsonObject { ["id"] = NextLineId(), ["code"] = $"save{coupon:0}", ["discount"] = Delivery.Text(subtotals - totals), ["discount_tax"] = Delivery.Text(discountTax) })
                : new JsonArray(),
            ["refunds"] = new JsonArray(),
        };
    }

    /// <summary>An amount the order may still give back: from a cent to all of what is left, a whole refund now and then.</summary>
    public decimal RefundAmount(decimal left) => Random.Next(4) == 0 ? left : Math.Max(0.01m, Round(left * Random.Next(1, 100) / 100m));

    /// <summary>
    /// The order as WooCommerce sends it once <paramref name="refunds"/> (id, amount; oldest first) were made: each listed
    /// with its negative total, newest first, and the status refunded once they give back its whole total.
    /// </summary>
    public static JsonObject Refunded(JsonObject order, IReadOnlyList<(long Id, decimal Amount)> refunds)
    {
        var refunded = order.DeepClone().AsObject();
        refunded["refunds"] = new JsonArray([.. refunds.Reverse().Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["reason"] = string.Empty, ["total"] = Delivery.Text(-r.Amount) })]);
        refunded["status"] = refunds.Sum(r => r.Amount) == Delivery.Amount(order["total"]) ? "refunded" : "processing";
        refunded["date_modified"] = "2026-11-27T10:00:00";
        refunded["date_modified_gmt"] = "2026-11-27T15:00:00";
        return refunded;
    }
}
