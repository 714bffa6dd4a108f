using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Orders;

/// <summary>
/// order.cancelled: the order's invoice is voided, or, once part of it was paid, what it still owed on the day it was
/// cancelled (<c>order.cancelledAt</c>, else when the event occurred) is credited.
/// </summary>
internal static class OrderCancellationEvent
{
    public static SourceEvent Read(string type, JsonElement body, SourceObject order, OrderFields fields) =>
        OrderEvents.Describe(type, EventMeaning.Cancellation, order) with
        {
            Original = order,
            CancelledOn = fields.Date(body.At("order")!.Value, "cancelledAt", "order.cancelledAt") ?? fields.Date(body, "occurredAt", "occurredAt"),
        };
}
