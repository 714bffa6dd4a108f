namespace AccountingIntegration.Mapping;

/// <summary>
/// Square's webhook events, booked by the Square adapter from the payment, refund or dispute. dispute.created is
/// named as moving no money but left to the adapter (<c>auto</c>): a dispute that arrives already lost is a refund.
/// </summary>
internal static class SquareTemplate
{
    public static BuiltInTemplate Create() => EventTemplate.Create(
        "Square events",
        "square",
        previousName: null,
        "Square events, booked from the payment (amount, tip, processing fee), refund or dispute. payment.updated and " +
        "payment.created once COMPLETED: auto, an invoice with its payment, booked once. refund.updated, refund.created " +
        "(once COMPLETED) and dispute.state.updated (lost or accepted): auto, a refund receipt for a paid sale, else a " +
        "credit memo. dispute.created: auto, booked only when it arrives already lost or accepted. " +
        "dispute.evidence.created, order.created, order.updated, order.fulfillment.updated and " +
        "webhooks.test_notification move no money: ignore. A layer's field mappings and static values only set header " +
        "fields (class, department, terms, memo).",
        sales: ["payment.updated", "payment.created"],
        refunds: ["refund.updated", "refund.created", "dispute.state.updated"],
        cancellations: [],
        noMoney: ["dispute.evidence.created", "order.updated", "order.created", "order.fulfillment.updated", "webhooks.test_notification"],
        readByContent: ["dispute.created"]);
}
