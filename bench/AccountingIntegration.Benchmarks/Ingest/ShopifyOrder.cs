using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>
/// The request body: Shopify's published REST order (shared/fixtures/webhooks/shopify/order.rest-fixture.json
/// beside the repository, 3 line items, addresses, tax lines), sent compact as Shopify sends it.
/// </summary>
internal sealed class ShopifyOrder
{
    private const string FixturePath = "shared/fixtures/webhooks/shopify/order.rest-fixture.json";

    private readonly JsonObject _order;

    private ShopifyOrder(JsonObject order)
    {
        _order = order;
        Compact = Encoding.UTF8.GetBytes(order.ToJsonString());
    }

    /// <summary>The fixture as is, compact.</summary>
    public byte[] Compact { get; }

    public static ShopifyOrder Load()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FixturePath);
            if (File.Exists(candidate))
            {
                return new ShopifyOrder(JsonNode.Parse(File.ReadAllText(candidate))!.AsObject());
            }
        }

        throw new FileNotFoundException($"{FixturePath} was not found in any folder above {AppContext.BaseDirectory}.");
    }

    /// <summary>The same order as a different one: its own id, name (the invoice's DocNumber) and number.</summary>
    public byte[] Numbered(long number)
    {
        var copy = _order.DeepClone().AsObject();
        copy["id"] = 820_982_911_946_154_508L + number;
        copy["order_number"] = number;
        copy["name"] = "#B" + number.ToString(CultureInfo.InvariantCulture);
        return JsonSerializer.SerializeToUtf8Bytes(copy);
    }

    /// <summary>A different order from a buyer never seen before: its own customer id, e-mail and name.</summary>
    public byte[] NumberedForNewBuyer(long number)
    {
        var copy = JsonNode.Parse(Numbered(number))!.AsObject();
        var email = $"buyer{number.ToString(CultureInfo.InvariantCulture)}@example.com";
        var last = "Buyer" + number.ToString(CultureInfo.InvariantCulture);
        copy["email"] = email;
        copy["customer"]!["id"] = 300_000_000L + number;
        copy["customer"]!["email"] = email;
        copy["customer"]!["last_name"] = last;
        foreach (var address in new[] { "billing_address", "shipping_address" })
        {
            if (copy[address] is JsonObject postal)
            {
                postal["last_name"] = last;
                postal["name"] = "Bob " + last;
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(copy);
    }
}
