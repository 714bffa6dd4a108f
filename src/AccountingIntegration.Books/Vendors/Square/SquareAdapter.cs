using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Square;

/// <summary>
/// Reads Square webhook deliveries: an envelope with <c>type</c> (the event), <c>event_id</c>, <c>created_at</c> and
/// <c>data</c> (<c>type</c>, <c>id</c>, and <c>object</c> holding the payment, refund, dispute or order notice).
/// </summary>
internal sealed class SquareAdapter : IVendorAdapter
{
    public string SourceType => SquareEvents.Vendor;

    public IReadOnlyList<KnownEvent> KnownEvents => SquareEventTypes.Known;

    public string? EventType(IReadOnlyDictionary<string, string> headers, JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? body.Text("type") : null;

    public AdapterResult Read(string eventType, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return AdapterResult.Fail("$", "The body is not a JSON object.");
        }

        var type = eventType.Trim().ToLowerInvariant();
        return type switch
        {
            SquareEventTypes.PaymentCreated or SquareEventTypes.PaymentUpdated => SquarePaymentReader.Read(type, body),
            SquareEventTypes.RefundCreated or SquareEventTypes.RefundUpdated => SquareRefundReader.Read(type, body),
            _ when SquareEventTypes.IsDispute(type) => SquareDisputeReader.Read(type, body),
            SquareEventTypes.OrderCreated or SquareEventTypes.OrderUpdated or SquareEventTypes.OrderFulfillmentUpdated =>
                SquareEvents.NoMoney(type, Subject(body, "order"), "The order notice carries no amounts; the payment is booked from payment.updated."),
            SquareEventTypes.TestNotification =>
                SquareEvents.NoMoney(type, Subject(body, "webhooks"), "Square's test notification; nothing to book."),
            _ => SquareEvents.NoMoney(type, Subject(body, body.Text("data.type") ?? type), $"{type} is not an event the books use."),
        };
    }

    /// <summary>The object the envelope is about: <c>data.id</c>, else the event's own id.</summary>
    private static SourceObject Subject(JsonElement body, string kind) =>
        new(kind, body.Text("data.id") ?? body.Text("event_id") ?? "unknown");
}
