using System.Text.Json.Nodes;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Our own order events (docs/order-events.md) drawn from a seeded generator, each order consistent as the format asks:
/// lines of one to four units, a discount on some, each line's tax stated on what it was charged after its discount and
/// its part of the order's discount (split over the lines by what was charged for each, the cents left over to the
/// largest), rounded to the cent per tax; untaxed and reduced-rate lines; shipping or not; the order's taxes the sums of
/// the lines' by tax, and its total their parts. Orders are placed paid or with a deposit; refunds name the lines they
/// return by id and leave their amounts (and, unless shipping goes back too, their tax) to the order, as an in-house app
/// may. The same seed gives the same events, so a failure names the seed and the order that shows it.
/// </summary>
internal sealed class RandomOrderEvents(int seed, ShopTaxes shop, string region, bool orderDiscounts) : SeededOrders(seed)
{
    /// <summary>The order (the envelope's <c>order</c>) numbered <paramref name="orderId"/>.</summary>
    public JsonObject Next(long orderId)
    {
        var drawn = Enumerable.Range(0, Random.Next(1, 5)).Select(_ =>
        {
            var quantity = Random.Next(1, 5);
            var price = Cents(100, 20_000);
            var discount = Random.Next(3) == 0 ? Cents(1, (int)(price * quantity * 30m)) : 0m;
            return (Quantity: quantity, Price: price, Discount: discount, Taxes: shop.OfALineDrawn(Random.Next(6)));
        }).ToList();
        var charged = drawn.Select(l => l.Price * l.Quantity - l.Discount).ToList();
        var orderDiscount = orderDiscounts && Random.Next(3) == 0 ? Cents(1, (int)(charged.Sum() * 10m)) : 0m;
        var shares = Split(orderDiscount, charged);

        var taxes = new Dictionary<string, (decimal Percent, decimal Amount)>();
        var lines = new JsonArray();
        for (var i = 0; i < drawn.Count; i++)
        {
            var line = drawn[i];
            var tax = TaxOn(line.Taxes, charged[i] - shares[i], taxes);
            var json = new JsonObject
            {
                ["id"] = $"l{NextLineId()}",
                ["sku"] = $"SKU-{Seed}-{i}",
                ["description"] = $"Product {i + 1}",
                ["quantity"] = line.Quantity,
                ["unitPrice"] = Delivery.Text(line.Price),
                ["discount"] = Delivery.Text(line.Discount),
            };
            if (line.Taxes.Length == 0)
            {
                json["taxable"] = false;
            }
            else
            {
                (json["tax"], json["taxPercent"]) = (Delivery.Text(tax), line.Taxes.Sum(t => t.Rate) * 100m);
            }

            lines.Add(json);
        }

        var shipping = new JsonArray();
        var shippingAmount = 0m;
        if (Random.Next(2) == 0)
        {
            shippingAmount = Cents(0, 2_500);
            var shippingTaxes = shop.ShippingTaxed ? shop.Standard : [];
            var json = new JsonObject { ["description"] = "Standard", ["amount"] = Delivery.Text(shippingAmount) };
            if (shippingTaxes.Length > 0)
            {
                (json["tax"], json["taxPercent"]) = (Delivery.Text(TaxOn(shippingTaxes, shippingAmount, taxes)), shippingTaxes.Sum(t => t.Rate) * 100m);
            }

            shipping.Add(json);
        }

        var totalTax = taxes.Values.Sum(t => t.Amount);
        return new JsonObject
        {
            ["id"] = $"ord_{orderId}",
            ["number"] = $"R{orderId}",
            ["date"] = "2026-11-20",
            ["currency"] = shop.Currency,
            ["pricesIncludeTax"] = shop.Included,
            ["customer"] = new JsonObject
            {
                ["name"] = $"Random Buyer {orderId}",
                ["email"] = $"buyer{orderId}@example.com",
                ["shippingAddress"] = new JsonObject { ["line1"] = "1 Main Street", ["city"] = "Somewhere", ["region"] = region, ["country"] = CountryOf(shop.Currency) },
            },
            ["lines"] = lines,
            ["shipping"] = shipping,
            ["discount"] = Delivery.Text(orderDiscount),
            ["taxes"] = new JsonArray([.. taxes.Select(t => (JsonNode)new JsonObject { ["name"] = t.Key, ["percent"] = t.Value.Percent, ["amount"] = Delivery.Text(t.Value.Amount) })]),
            ["total"] = Delivery.Text(charged.Sum() - orderDiscount + shippingAmount + (shop.Included ? 0m : totalTax)),
        };
    }

    /// <summary>order.created for <paramref name="order"/>, <paramref name="paid"/> of it received by one payment.</summary>
    public static JsonObject Placed(JsonObject order, decimal paid)
    {
        var placed = order.DeepClone().AsObject();
        placed["paid"] = Delivery.Text(paid);
        return new JsonObject
        {
            ["id"] = $"evt_{order["id"]}_placed",
            ["type"] = "order.created",
            ["occurredAt"] = "2026-11-20T10:00:00Z",
            ["order"] = placed,
            ["payment"] = new JsonObject { ["id"] = $"pay_{order["id"]}", ["date"] = "2026-11-20", ["method"] = "card" },
        };
    }

    /// <summary>A deposit on <paramref name="order"/>: from a cent to all but a cent of its total.</summary>
    public decimal Deposit(JsonObject order) => Cents(1, (int)(Delivery.Amount(order["total"]) * 100m) - 1);

    /// <summary>order.cancelled for <paramref name="order"/>, naming it by its id alone, as the format allows.</summary>
    public static JsonObject Cancelled(JsonObject order) => new()
    {
        ["id"] = $"evt_{order["id"]}_cancelled",
        ["type"] = "order.cancelled",
        ["occurredAt"] = "2026-11-28T10:00:00Z",
        ["order"] = new JsonObject { ["id"] = order["id"]!.DeepClone(), ["cancelledAt"] = "2026-11-28" },
    };

    /// <summary>
    /// refund.created giving back part of <paramref name="order"/>: some of its lines, each for some of its units, named by
    /// <c>lineId</c> and <c>quantity</c> alone (worth their share of what was charged for the line, tax included); now and
    /// then its shipping too, with its tax, and then each line's tax stated (a refund that states tax anywhere shares none
    /// out). Returns the event, the money given back and the tax.
    /// </summary>
    public (JsonObject Event, decimal Money, decimal Tax) RefundOf(JsonObject order, long refundId)
    {
        var sold = order["lines"]!.AsArray().Select(l => l!.AsObject()).ToList();
        var charged = sold.Select(l => Delivery.Amount(l["unitPrice"]) * (int)l["quantity"]! - Delivery.Amount(l["discount"])).ToList();
        var shares = Split(Delivery.Amount(order["discount"]), charged);
        var shipping = order["shipping"]!.AsArray().FirstOrDefault() is { } soldShipping && Random.Next(2) == 0 ? soldShipping : null;

        var returned = new JsonArray();
        decimal money = 0m, tax = 0m;
        for (var i = 0; i < sold.Count; i++)
        {
            // Two lines in five are kept, but at least one goes back.
            if (Random.Next(5) < 2 && (returned.Count > 0 || i < sold.Count - 1))
            {
                continue;
            }

            var quantity = (int)sold[i]["quantity"]!;
            var back = Random.Next(1, quantity + 1);
            var amount = Round((charged[i] - shares[i]) * back / quantity);
            var lineTax = Round(Delivery.Amount(sold[i]["tax"] ?? "0") * back / quantity);
            var json = new JsonObject { ["lineId"] = sold[i]["id"]!.DeepClone(), ["quantity"] = back };
            if (shipping is not null)
            {
                json["tax"] = Delivery.Text(lineTax);
            }

            returned.Add(json);
            money += amount + (shop.Included ? 0m : lineTax);
            tax += lineTax;
        }

        var refund = new JsonObject { ["id"] = $"re_{refundId}", ["date"] = "2026-11-27", ["reason"] = "Returned", ["lines"] = returned };
        if (shipping is not null)
        {
            var shippingTax = Delivery.Amount(shipping["tax"] ?? "0");
            (refund["shipping"], refund["shippingTax"]) = (shipping["amount"]!.DeepClone(), Delivery.Text(shippingTax));
            money += Delivery.Amount(shipping["amount"]) + (shop.Included ? 0m : shippingTax);
            tax += shippingTax;
        }

        refund["amount"] = Delivery.Text(money);
        var refundEvent = new JsonObject { ["id"] = $"evt_re_{refundId}", ["type"] = "refund.created", ["order"] = new JsonObject { ["id"] = order["id"]!.DeepClone() }, ["refund"] = refund };
        return (refundEvent, money, tax);
    }

    /// <summary>
    /// <paramref name="amount"/> split over <paramref name="weights"/> to the cent, each part truncated and the cents left over
    /// going to the largest weights first, as the format says an order's discount is split over its lines.
    /// </summary>
    private static decimal[] Split(decimal amount, IReadOnlyList<decimal> weights)
    {
        var total = weights.Sum();
        var parts = weights.Select(w => amount == 0m || total == 0m ? 0m : Math.Truncate(amount * w / total * 100m) / 100m).ToArray();
        var left = amount - parts.Sum();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => weights[i]).Take((int)(left * 100m)))
        {
            parts[i] += 0.01m;
        }

        return parts;
    }

    /// <summary>The tax on what a line or shipping was charged, each of <paramref name="lineTaxes"/> rounded to the cent, added to the order's taxes by name.</summary>
    private decimal TaxOn(ShopTax[] lineTaxes, decimal charged, Dictionary<string, (decimal Percent, decimal Amount)> taxes)
    {
        var combined = lineTaxes.Sum(t => t.Rate);
        var sum = 0m;
        foreach (var tax in lineTaxes)
        {
            var amount = Round(shop.Included ? charged * tax.Rate / (1m + combined) : charged * tax.Rate);
            var sofar = taxes.GetValueOrDefault(tax.Title, (Percent: tax.Rate * 100m, Amount: 0m));
            taxes[tax.Title] = (sofar.Percent, sofar.Amount + amount);
            sum += amount;
        }

        return sum;
    }

    private static string CountryOf(string currency) => currency switch
    {
        "CAD" => "CA",
        "GBP" => "GB",
        "AUD" => "AU",
        _ => "US",
    };
}
