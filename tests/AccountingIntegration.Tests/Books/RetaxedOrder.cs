using System.Text.Json.Nodes;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Shopify's EUR sample order (3 × 74.99, taxed) as a shop in another country would send it: its currency, its rate,
/// every tax and total field restated to match, and the shop/presentment money objects dropped so each amount is
/// stated once. The expected values are then read back from the order's own fields.
/// </summary>
internal static class RetaxedOrder
{
    public static JsonObject Create(long id, string currency, decimal rate)
    {
        var order = StripMoneySets(Delivery.Fixture("shopify/orders-create.eur-shop-tax.rest-docs.json"));
        order["id"] = id;
        order["name"] = $"#{id}";
        order["order_number"] = id;
        order["currency"] = currency;
        order["presentment_currency"] = currency;
        order["email"] = "marie.tremblay@example.com";
        order["customer"] = new JsonObject { ["id"] = id + 1, ["email"] = "marie.tremblay@example.com", ["first_name"] = "Marie", ["last_name"] = "Tremblay" };
        var totalTax = 0m;
        var subtotal = 0m;
        foreach (var line in order["line_items"]!.AsArray().OfType<JsonObject>())
        {
            var net = Delivery.Amount(line["price"]) * Delivery.Amount(line["quantity"]);
            var tax = Math.Round(net * rate, 2, MidpointRounding.AwayFromZero);
            line["tax_lines"] = new JsonArray(new JsonObject { ["title"] = "Tax", ["rate"] = rate, ["price"] = Delivery.Text(tax) });
            subtotal += net;
            totalTax += tax;
        }

        order["tax_lines"] = new JsonArray(new JsonObject { ["title"] = "Tax", ["rate"] = rate, ["price"] = Delivery.Text(totalTax) });
        order["total_tax"] = Delivery.Text(totalTax);
        order["current_total_tax"] = Delivery.Text(totalTax);
        order["subtotal_price"] = Delivery.Text(subtotal);
        order["current_subtotal_price"] = Delivery.Text(subtotal);
        order["total_price"] = Delivery.Text(subtotal + totalTax);
        order["current_total_price"] = Delivery.Text(subtotal + totalTax);
        return order;
    }

    /// <summary>The order with its buyer's bill-to and ship-to in the Canadian province of <paramref name="provinceCode"/> (BC, NB).</summary>
    public static JsonObject ShippedToCanada(JsonObject order, string provinceCode)
    {
        foreach (var field in new[] { "billing_address", "shipping_address" })
        {
            order[field] = new JsonObject
            {
                ["address1"] = "100 King Street", ["city"] = "Somewhere", ["zip"] = "A1A 1A1", ["country"] = "Canada", ["country_code"] = "CA",
                ["province_code"] = provinceCode, ["first_name"] = "Marie", ["last_name"] = "Tremblay", ["name"] = "Marie Tremblay",
            };
        }

        return order;
    }


    private static JsonObject StripMoneySets(JsonObject node)
    {
        foreach (var key in node.Select(p => p.Key).Where(k => k.EndsWith("_set", StringComparison.Ordinal)).ToList())
        {
            node.Remove(key);
        }

        foreach (var child in node.Select(p => p.Value).ToList())
        {
            Strip(child);
        }

        return node;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                StripMoneySets(obj);
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Strip(item);
                }

                break;
        }
    }
}
