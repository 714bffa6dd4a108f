using System.Globalization;
using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// A bare Order Refund (the REST resource of <c>GET /orders/{id}/refunds</c>, relayed by a plugin or an integration; WooCommerce
/// itself has no refund topic and lists refunds in order.updated). It names its order only in <c>_links.up</c> (or
/// <c>parent_id</c> where present), says no currency (the order's is meant), and states the money that went back as a
/// positive <c>amount</c> while its lines are negative. Booked under its own id, so order.updated listing the same
/// refund books nothing more.
/// </summary>
internal static class WooCommerceRefundObject
{
    /// <summary>A refund resource, not an order: it has an amount and whether the payment was refunded, and no status.</summary>
    public static bool Is(JsonElement body) =>
        body.At("amount") is not null && body.At("refunded_payment") is not null && body.At("status") is null;

    public static AdapterResult Read(string topic, JsonElement refund)
    {
        if (refund.Text("id") is not { } id)
        {
            return AdapterResult.Fail("id", "The refund has no id.");
        }

        if (OrderId(refund) is not { } orderId)
        {
            return AdapterResult.Fail("_links.up", "The refund names no order (neither parent_id nor an up link).");
        }

        if (refund.Decimal("amount") is not { } amount)
        {
            return AdapterResult.Fail("amount", "The refund has no amount.");
        }

        if ((refund.Date("date_created_gmt") ?? refund.Date("date_created")) is not { } date)
        {
            return AdapterResult.Fail("date_created_gmt", "The refund has no date.");
        }

        var order = WooCommerceEvents.Order(orderId);
        if (amount == 0m)
        {
            return WooCommerceEvents.NoMoney(topic, order, "The refund is of zero: no money went back.");
        }

        var returned = refund.Array("line_items").Select(line => line.Decoded("name")).OfType<string>().ToList();
        return AdapterResult.Of(new SourceEvent
        {
            Vendor = WooCommerceEvents.Vendor,
            EventType = topic,
            Meaning = EventMeaning.Refund,
            Subject = new SourceObject("refund", id),
            Original = order,
            Refunds =
            [
                new RefundInfo
                {
                    RefundId = id,
                    Amount = Math.Abs(amount),
                    Currency = string.Empty,
                    Date = date,
                    Reason = refund.Decoded("reason") ?? (returned.Count > 0 ? "Returned: " + string.Join(", ", returned) : null),
                },
            ],
        });
    }

    private static string? OrderId(JsonElement refund)
    {
        if (refund.Long("parent_id") is { } parent and > 0)
        {
            return parent.ToString(CultureInfo.InvariantCulture);
        }

        // "https://example.com/wp-json/wc/v3/orders/723": the order is the last segment of the up link.
        var up = refund.Array("_links.up").Select(link => link.Text("href")).FirstOrDefault(href => href is not null);
        var last = up?.TrimEnd('/').Split('/')[^1];
        return last is { Length: > 0 } && last.All(char.IsAsciiDigit) ? last : null;
    }
}
