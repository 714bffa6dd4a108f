namespace AccountingIntegration.Books.Vendors.Orders;

/// <summary>
/// Our own event format, for in-house apps and anything else that can send it (source type <c>orders</c>): an envelope
/// with <c>id</c>, <c>type</c> and <c>occurredAt</c>, the <c>order</c> it is about, and for a payment or refund its
/// <c>payment</c> or <c>refund</c>. docs/order-events.md describes every field.
/// </summary>
internal static class OrderEvents
{
    public const string Vendor = "orders";

    public const string OrderCreated = "order.created";
    public const string OrderUpdated = "order.updated";
    public const string OrderPaid = "order.paid";
    public const string OrderCancelled = "order.cancelled";
    public const string PaymentReceived = "payment.received";
    public const string RefundCreated = "refund.created";

    public static SourceObject Order(string id) => new("order", id);

    public static IReadOnlyList<KnownEvent> Known { get; } =
    [
        new(OrderCreated, EventMeaning.Sale,
            "An order was placed: an invoice of its lines, shipping, fees, discount and tax, and a payment applied to it of what order.paid says was paid (nothing by default)."),
        new(OrderUpdated, EventMeaning.Sale,
            "An order changed. A booked invoice whose total the order no longer states is revised to it; more paid than was booked is a payment of the difference."),
        new(OrderPaid, EventMeaning.Sale,
            "An order was paid (order.paid defaults to its total): a payment of what was not booked as paid yet, applied to its invoice; the order is booked first if it was not."),
        new(PaymentReceived, EventMeaning.Payment,
            "Money received for an earlier order (payment.id, payment.amount): a payment applied to its invoice, once per payment id, never more than the invoice still owes."),
        new(RefundCreated, EventMeaning.Refund,
            "Money given back (refund.id, refund.amount, with the returned lines, shipping and tax when stated): a refund receipt for a paid order, else a credit memo applied to its invoice; once per refund id."),
        new(OrderCancelled, EventMeaning.Cancellation,
            "An order was cancelled: its invoice is voided, or once part of it was paid, what it still owed is credited."),
    ];

    /// <summary>An event of <paramref name="type"/> with its meaning and subject; each reader adds what it read.</summary>
    public static SourceEvent Describe(string type, EventMeaning meaning, SourceObject subject) => new()
    {
        Vendor = Vendor,
        EventType = type,
        Meaning = meaning,
        Subject = subject,
    };

    public static AdapterResult NoMoney(string type, SourceObject subject, string reason) =>
        AdapterResult.Of(Describe(type, EventMeaning.NoMoney, subject) with { IgnoredBecause = reason });
}
