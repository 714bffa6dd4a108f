using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Orders;

/// <summary>
/// Reads our own order events (<see cref="OrderEvents"/>): the event type is the body's <c>type</c>. Every problem in a
/// body is reported at once, each named by its path.
/// </summary>
internal sealed class OrderEventsAdapter : IVendorAdapter
{
    public string SourceType => OrderEvents.Vendor;

    public IReadOnlyList<KnownEvent> KnownEvents => OrderEvents.Known;

    public string? EventType(IReadOnlyDictionary<string, string> headers, JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? body.Text("type") : null;

    private static readonly string Booked = string.Join(", ", OrderEvents.Known.Select(known => known.EventType));

    public AdapterResult Read(string eventType, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return AdapterResult.Fail("$", "The body is not a JSON object.");
        }

        var type = eventType.Trim().ToLowerInvariant();
        if (type.Length == 0)
        {
            return AdapterResult.Fail("type", $"is required: one of {Booked}.");
        }

        if (!OrderEvents.Known.Any(known => known.EventType == type))
        {
            return OrderEvents.NoMoney(type, body.Text("order.id") is { } id ? OrderEvents.Order(id) : new SourceObject("event", body.Text("id") ?? "unknown"),
                $"{type} is not an event the books use; they book {Booked}.");
        }

        var fields = new OrderFields();
        var sourceEvent = OrderSaleReader.Subject(body, fields) is { } subject
            ? type switch
            {
                OrderEvents.OrderCreated or OrderEvents.OrderUpdated or OrderEvents.OrderPaid => OrderSaleEvent.Read(type, body, subject, fields),
                OrderEvents.PaymentReceived => OrderPaymentEvent.Read(type, body, subject, fields),
                OrderEvents.RefundCreated => OrderRefundEvent.Read(type, body, subject, fields),
                _ => OrderCancellationEvent.Read(type, body, subject, fields),
            }
            : null;
        // A reader returns what it read; any problem met on the way refuses the whole body.
        return fields.Failed || sourceEvent is null ? new AdapterResult(null, fields.Problems) : AdapterResult.Of(sourceEvent);
    }
}
