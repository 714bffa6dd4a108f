using System.Text.Json.Nodes;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>One tax a shop charges on a line, as a Shopify tax line names it: "GST" at 0.05.</summary>
internal sealed record ShopTax(string Title, decimal Rate);

/// <summary>
/// How a shop taxes what it sells: the taxes on a taxed line (every jurisdiction's, as Shopify lists them), whether its
/// prices include them, whether shipping is taxed, and the taxes of a reduced rate some lines take instead (none when
/// the shop has one rate).
/// </summary>
internal sealed record ShopTaxes(string Currency, bool Included, bool ShippingTaxed, ShopTax[] Standard, ShopTax[]? Reduced = null)
{
    /// <summary>What a line drawn as <paramref name="draw"/> (0 to 5) is taxed at: mostly the standard taxes, now and then none, at a reduced rate where the shop has one.</summary>
    public ShopTax[] OfALineDrawn(int draw) => draw switch
    {
        0 => [],
        1 when Reduced is { } reduced => reduced,
        _ => Standard,
    };
}

/// <summary>
/// Paid Shopify orders drawn from a seeded generator, each consistent the way Shopify states one: lines of one to four
/// units with discounts allocated to some of them, a line now and then that is not taxed, reduced-rate lines where the
/// shop has a reduced rate, shipping or not, each tax computed on what the line was charged after its discount and
/// rounded to the cent per line and per jurisdiction, and the order's totals the sums of those. The same seed gives the
/// same orders, so a failure names the seed and the order that shows it.
/// </summary>
internal sealed class RandomShopifyOrders(int seed, ShopTaxes shop) : SeededOrders(seed)
{
    public JsonObject Next(long orderId)
    {
        var lines = new JsonArray();
        var taxes = new Dictionary<string, (decimal Rate, decimal Amount)>();
        decimal itemsPrice = 0m, discounts = 0m, shipping = 0m;
        var lineCount = Random.Next(1, 5);
        for (var i = 0; i < lineCount; i++)
        {
            var quantity = Random.Next(1, 5);
            var price = Cents(100, 20_000);
            var amount = price * quantity;
            var discount = Random.Next(3) == 0 ? Cents(1, (int)(amount * 30m)) : 0m;
            var lineTaxes = shop.OfALineDrawn(Random.Next(6));
            var line = new JsonObject
            {
                ["id"] = NextLineId(),
                ["title"] = $"Product {i + 1}",
                ["name"] = $"Product {i + 1}",
                ["sku"] = $"SKU-{Seed}-{orderId}-{i}",
                ["product_id"] = 7_000 + i,
                ["variant_id"] = 8_000 + i,
                ["price"] = Delivery.Text(price),
                ["quantity"] = quantity,
                ["current_quantity"] = quantity,
                ["gift_card"] = false,
                ["taxable"] = lineTaxes.Length > 0,
                ["total_discount"] = "0.00",
                ["discount_allocations"] = discount > 0m ? new JsonArray(new JsonObject { ["amount"] = Delivery.Text(discount), ["discount_application_index"] = 0 }) : new JsonArray(),
                ["tax_lines"] = TaxLines(lineTaxes, amount - discount, taxes),
                ["duties"] = new JsonArray(),
            };
            lines.Add(line);
            itemsPrice += amount;
            discounts += discount;
        }

        var shippingLines = new JsonArray();
        if (Random.Next(2) == 0)
        {
            shipping = Cents(0, 2_500);
            shippingLines.Add(new JsonObject
            {
                ["id"] = NextLineId(),
                ["title"] = "Standard",
                ["code"] = "Standard",
                ["price"] = Delivery.Text(shipping),
                ["discounted_price"] = Delivery.Text(shipping),
                ["discount_allocations"] = new JsonArray(),
                ["tax_lines"] = TaxLines(shop.ShippingTaxed ? shop.Standard : [], shipping, taxes),
            });
        }

        var totalTax = taxes.Values.Sum(t => t.Amount);
        var subtotal = itemsPrice - discounts;
        var total = subtotal + shipping + (shop.Included ? 0m : totalTax);
        return new JsonObject
        {
            ["id"] = orderId,
            ["admin_graphql_api_id"] = $"gid://shopify/Order/{orderId}",
            ["name"] = $"#R{orderId}",
            ["order_number"] = orderId,
            ["email"] = $"buyer{orderId}@example.com",
            ["customer"] = new JsonObject { ["id"] = orderId + 1, ["email"] = $"buyer{orderId}@example.com", ["first_name"] = "Random", ["last_name"] = $"Buyer {orderId}" },
            ["created_at"] = "2026-11-20T10:00:00-05:00",
            ["processed_at"] = "2026-11-20T10:00:00-05:00",
            ["updated_at"] = "2026-11-20T10:00:00-05:00",
            ["cancelled_at"] = null,
            ["currency"] = shop.Currency,
            ["presentment_currency"] = shop.Currency,
            ["financial_status"] = "paid",
            ["taxes_included"] = shop.Included,
            ["tax_exempt"] = false,
            ["line_items"] = lines,
            ["shipping_lines"] = shippingLines,
            ["tax_lines"] = new JsonArray([.. taxes.Select(t => (JsonNode)new JsonObject { ["title"] = t.Key, ["rate"] = t.Value.Rate, ["price"] = Delivery.Text(t.Value.Amount) })]),
            ["discount_codes"] = new JsonArray(),
            ["discount_applications"] = discounts > 0m
                ? new JsonArray(new JsonObject { ["type"] = "manual", ["title"] = "Loyalty", ["value_type"] = "fixed_amount", ["allocation_method"] = "each", ["target_type"] = "line_item" })
                : new JsonArray(),
            ["total_line_items_price"] = Delivery.Text(itemsPrice),
            ["total_discounts"] = Delivery.Text(discounts),
            ["current_total_discounts"] = Delivery.Text(discounts),
            ["subtotal_price"] = Delivery.Text(subtotal),
            ["current_subtotal_price"] = Delivery.Text(subtotal),
            ["total_tax"] = Delivery.Text(totalTax),
            ["current_total_tax"] = Delivery.Text(totalTax),
            ["total_price"] = Delivery.Text(total),
            ["current_total_price"] = Delivery.Text(total),
            ["total_outstanding"] = "0.00",
            ["total_tip_received"] = "0.00",
            ["refunds"] = new JsonArray(),
        };
    }

    /// <summary>
    /// A refunds/create body giving back part of <paramref name="order"/>, stated as Shopify states one: some of its lines, each
    /// for some of its units (<c>subtotal</c> the units' share of what the line was charged after its discount, with its tax
    /// inside where prices include tax; <c>total_tax</c> the units' share of each of the line's taxes, each rounded to the
    /// cent), the shipping now and then as a <c>shipping_refund</c> adjustment (its amount before tax, the tax beside it, both
    /// negative) or, as newer bodies state it, a refunded shipping line, and one successful refund transaction of the money
    /// all of that comes to.
    /// </summary>
    public JsonObject RefundOf(JsonObject order, long refundId)
    {
        var returned = new JsonArray();
        decimal money = 0m;
        var lines = order["line_items"]!.AsArray().Select(l => l!.AsObject()).ToList();
        foreach (var line in lines)
        {
            // Two lines in five are kept, but at least one goes back.
            if (Random.Next(5) < 2 && (returned.Count > 0 || line != lines[^1]))
            {
                continue;
            }

            var sold = (int)line["quantity"]!;
            var quantity = Random.Next(1, sold + 1);
            var discount = line["discount_allocations"]!.AsArray().Sum(a => Delivery.Amount(a!["amount"]));
            var charged = Delivery.Amount(line["price"]) * sold - discount;
            var subtotal = Share(charged, quantity, sold);
            var tax = line["tax_lines"]!.AsArray().Sum(t => Share(Delivery.Amount(t!["price"]), quantity, sold));
            returned.Add(new JsonObject
            {
                ["id"] = refundId * 10 + returned.Count,
                ["line_item_id"] = line["id"]!.DeepClone(),
                ["quantity"] = quantity,
                ["restock_type"] = "return",
                ["subtotal"] = Delivery.Text(subtotal),
                ["total_tax"] = Delivery.Text(tax),
                ["line_item"] = line.DeepClone(),
            });
            money += subtotal + (shop.Included ? 0m : tax);
        }

        var adjustments = new JsonArray();
        var shippingLines = new JsonArray();
        if (order["shipping_lines"]!.AsArray().FirstOrDefault() is { } shipping && Random.Next(2) == 0)
        {
            var tax = shipping["tax_lines"]!.AsArray().Sum(t => Delivery.Amount(t!["price"]));
            var gross = Delivery.Amount(shipping["price"]) + (shop.Included ? 0m : tax);
            if (!shop.Included && Random.Next(2) == 0)
            {
                // Newer bodies list the shipping line refunded, its subtotal and tax as MoneyBags, and no adjustment for it.
                shippingLines.Add(new JsonObject
                {
                    ["id"] = refundId * 10 + 8, ["shipping_line_id"] = shipping["id"]!.DeepClone(),
                    ["subtotal_amount_set"] = MoneyBag(gross - tax), ["tax_amount_set"] = MoneyBag(tax),
                });
            }
            else
            {
                adjustments.Add(new JsonObject
                {
                    ["id"] = refundId * 10 + 9, ["order_id"] = order["id"]!.DeepClone(), ["refund_id"] = refundId, ["kind"] = "shipping_refund",
                    ["reason"] = "Shipping refund", ["amount"] = Delivery.Text(tax - gross), ["tax_amount"] = Delivery.Text(-tax),
                });
            }

            money += gross;
        }

        return new JsonObject
        {
            ["id"] = refundId,
            ["order_id"] = order["id"]!.DeepClone(),
            ["created_at"] = "2026-11-27T10:00:00-05:00",
            ["processed_at"] = "2026-11-27T10:00:00-05:00",
            ["note"] = "Returned",
            ["restock"] = true,
            ["refund_line_items"] = returned,
            ["order_adjustments"] = adjustments,
            ["refund_shipping_lines"] = shippingLines,
            ["transactions"] = new JsonArray(new JsonObject
            {
                ["id"] = refundId + 1, ["order_id"] = order["id"]!.DeepClone(), ["kind"] = "refund", ["status"] = "success", ["gateway"] = "shopify_payments",
                ["amount"] = Delivery.Text(money), ["currency"] = shop.Currency, ["created_at"] = "2026-11-27T10:00:00-05:00",
            }),
        };
    }

    /// <summary>
    /// Takes a deposit on <paramref name="order"/>: some of its total paid, from a cent to all but a cent, the rest outstanding
    /// (<c>partially_paid</c>, as a draft order with a deposit is placed). Returns what is still owed.
    /// </summary>
    public decimal TakeDeposit(JsonObject order)
    {
        var total = Delivery.Amount(order["total_price"]);
        var owed = Cents(1, (int)(total * 100m) - 1);
        order["financial_status"] = "partially_paid";
        order["total_outstanding"] = Delivery.Text(owed);
        return owed;
    }

    /// <summary><paramref name="order"/> as orders/cancelled states it once the merchant cancelled it and kept what was paid.</summary>
    public static JsonObject Cancelled(JsonObject order)
    {
        var cancelled = order.DeepClone().AsObject();
        cancelled["cancelled_at"] = "2026-11-28T10:00:00-05:00";
        cancelled["cancel_reason"] = "customer";
        cancelled["updated_at"] = "2026-11-28T10:00:00-05:00";
        return cancelled;
    }

    /// <summary>A MoneyBag of <paramref name="amount"/> in the shop's currency, which is also the buyer's here.</summary>
    private JsonObject MoneyBag(decimal amount) => new()
    {
        ["shop_money"] = new JsonObject { ["amount"] = Delivery.Text(amount), ["currency_code"] = shop.Currency },
        ["presentment_money"] = new JsonObject { ["amount"] = Delivery.Text(amount), ["currency_code"] = shop.Currency },
    };

    /// <summary><paramref name="quantity"/> of <paramref name="sold"/> units' share of <paramref name="amount"/>, to the cent.</summary>
    private static decimal Share(decimal amount, int quantity, int sold) =>
        quantity == sold ? amount : Round(amount * quantity / sold);

    /// <summary>The tax lines on what a line was charged, each jurisdiction's tax rounded to the cent, added to the order's taxes by title.</summary>
    private JsonArray TaxLines(ShopTax[] lineTaxes, decimal charged, Dictionary<string, (decimal Rate, decimal Amount)> taxes)
    {
        var combined = lineTaxes.Sum(t => t.Rate);
        var json = new JsonArray();
        foreach (var tax in lineTaxes)
        {
            var amount = Round(shop.Included ? charged * tax.Rate / (1m + combined) : charged * tax.Rate);
            json.Add(new JsonObject { ["title"] = tax.Title, ["rate"] = tax.Rate, ["price"] = Delivery.Text(amount), ["channel_liable"] = false });
            var sofar = taxes.GetValueOrDefault(tax.Title, (Rate: tax.Rate, Amount: 0m));
            taxes[tax.Title] = (tax.Rate, sofar.Amount + amount);
        }

        return json;
    }
}
