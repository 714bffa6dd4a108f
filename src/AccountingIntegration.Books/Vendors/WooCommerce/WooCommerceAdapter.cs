using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// Reads WooCommerce webhook deliveries. The topic is the <c>X-WC-Webhook-Topic</c> header; the body is the
/// REST v3 order (<c>/wc/v3/orders/&lt;id&gt;</c>, <c>_links</c> included), or for webhooks set to the Legacy API v3
/// the legacy order inside <c>{"order": …}</c>. A deleted order's body is only <c>{"id": …}</c>.
/// </summary>
internal sealed class WooCommerceAdapter : IVendorAdapter
{
    public string SourceType => WooCommerceEvents.Vendor;

    public IReadOnlyList<KnownEvent> KnownEvents => WooCommerceTopics.Known;

    /// <summary>
    /// The topic header; an order relayed without it (a plugin forwarding the order, the legacy API's <c>{"order": …}</c>)
    /// is read as order.created, which books the order as it now stands.
    /// </summary>
    public string? EventType(IReadOnlyDictionary<string, string> headers, JsonElement body) =>
        headers.Header("X-WC-Webhook-Topic")
        ?? (body.ValueKind == JsonValueKind.Object && (body.TryGetProperty("line_items", out _) || body.TryGetProperty("order", out _)) ? WooCommerceTopics.OrderCreated : null);

    public AdapterResult Read(string eventType, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return AdapterResult.Fail("$", "The body is not a JSON object.");
        }

        var topic = eventType.Trim().ToLowerInvariant();
        if (WooCommerceRefundObject.Is(body))
        {
            return WooCommerceRefundObject.Read(topic, body);
        }

        var legacyOrder = body.At("order") is { ValueKind: JsonValueKind.Object } wrapped ? wrapped : (JsonElement?)null;
        var order = legacyOrder ?? body;
        return topic switch
        {
            WooCommerceTopics.OrderCreated or WooCommerceTopics.OrderUpdated or WooCommerceTopics.OrderRestored =>
                WooCommerceOrderEvents.Read(topic, order, legacy: legacyOrder is not null),
            WooCommerceTopics.OrderDeleted => WooCommerceEvents.NoMoney(topic, WooCommerceEvents.Order(order.Text("id") ?? "unknown"), WooCommerceOrderEvents.TrashReason),
            _ => WooCommerceEvents.NoMoney(topic, new SourceObject(topic.Split('.')[0], order.Text("id") ?? "unknown"),
                $"{topic} is not an event the books use."),
        };
    }
}
