using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// Reads Shopify webhook deliveries. The topic is the <c>X-Shopify-Topic</c> header (the newer event
/// deliveries send it unprefixed, <c>shopify-topic</c>); the body is the bare resource the topic names, an
/// Order for orders/*, a Refund for refunds/create.
/// </summary>
internal sealed class ShopifyAdapter : IVendorAdapter
{
    public string SourceType => ShopifyEvents.Vendor;

    public IReadOnlyList<KnownEvent> KnownEvents => ShopifyTopics.Known;

    /// <summary>
    /// The topic header; a body relayed without it (an app forwarding the resource, a replay of an old delivery) is
    /// read by its shape: a refund as refunds/create, an order as orders/create (which reads the order as it now
    /// stands: cancelled, paid or open).
    /// </summary>
    public string? EventType(IReadOnlyDictionary<string, string> headers, JsonElement body) =>
        headers.Header("X-Shopify-Topic") ?? headers.Header("shopify-topic") ?? ShapeOf(body);

    private static string? ShapeOf(JsonElement body) => body.ValueKind != JsonValueKind.Object ? null
        : body.TryGetProperty("refund_line_items", out _) || (body.TryGetProperty("transactions", out _) && body.TryGetProperty("order_id", out _)) ? ShopifyTopics.RefundCreated
        : body.TryGetProperty("line_items", out _) ? ShopifyTopics.OrderCreated
        : null;

    public AdapterResult Read(string eventType, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return AdapterResult.Fail("$", "The body is not a JSON object.");
        }

        var topic = ShopifyTopics.Normalize(eventType);
        return topic switch
        {
            ShopifyTopics.OrderCreated or ShopifyTopics.OrderPaid or ShopifyTopics.OrderUpdated or ShopifyTopics.OrderCancelled =>
                ShopifyOrderEvents.Read(topic, body),
            ShopifyTopics.RefundCreated => ShopifyRefundReader.Read(topic, body),
            ShopifyTopics.DisputeCreated or ShopifyTopics.DisputeUpdated => ShopifyDisputeReader.Read(topic, body),
            ShopifyTopics.OrderEdited => ShopifyEvents.NoMoney(topic, ShopifyEvents.Order(body.Text("order_edit.order_id") ?? body.Id() ?? "unknown"),
                "An order edit lists the changed lines without amounts; the edited totals are booked from the orders/updated that follows."),
            ShopifyTopics.OrderDeleted => ShopifyEvents.NoMoney(topic, ShopifyEvents.Order(body.Id() ?? "unknown"),
                "Deleting an order in Shopify moves no money; cancellations and refunds are booked from their own topics."),
            _ => ShopifyEvents.NoMoney(topic, new SourceObject(topic.Split('/')[0], body.Id() ?? "unknown"),
                $"{topic} is not an event the books use."),
        };
    }
}
