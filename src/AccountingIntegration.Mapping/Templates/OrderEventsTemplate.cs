namespace AccountingIntegration.Mapping;

/// <summary>
/// Our own order events (source type <c>orders</c>, docs/order-events.md), for in-house apps: booked by their adapter
/// from the order's lines, shipping, fees, discount and tax, with payments, refunds and cancellations.
/// </summary>
internal static class OrderEventsTemplate
{
    public static BuiltInTemplate Create() => EventTemplate.Create(
        "Order events",
        "orders",
        previousName: null,
        "Order events in this service's own format (docs/order-events.md), for in-house apps. order.created, order.updated " +
        "and order.paid: auto, an invoice of the order's lines, shipping, fees, discount and tax, with a payment of what " +
        "order.paid says was paid; an updated order's invoice is revised when its total moved. payment.received: payment, " +
        "applied to the order's invoice once per payment id. refund.created: auto, a refund receipt for a paid order, else " +
        "a credit memo. order.cancelled: void (what a part-paid order still owed is credited). A layer's field mappings " +
        "and static values only set header fields (class, department, terms, memo).",
        sales: ["order.created", "order.updated", "order.paid"],
        refunds: ["refund.created"],
        cancellations: ["order.cancelled"],
        noMoney: [],
        payments: ["payment.received"]);
}
