namespace AccountingIntegration.Mapping;

/// <summary>Paddle Billing's notifications, booked by the Paddle adapter from the transaction and its adjustments.</summary>
internal static class PaddleTemplate
{
    public static BuiltInTemplate Create() => EventTemplate.Create(
        "Paddle events",
        "paddle",
        previousName: "Paddle transaction.completed",
        "Paddle Billing notifications, booked from the transaction (items, discounts, tax). transaction.completed: auto, " +
        "an invoice with its payment. adjustment.created and adjustment.updated (refunds and chargebacks once approved): " +
        "auto, a refund receipt for a paid sale, else a credit memo applied to the invoice; a chargeback reversed, a sales receipt " +
        "of the money back. Every other known event " +
        "(transaction.paid, billed, created, ready, updated, revised, past_due, payment_failed, canceled; customer.* and " +
        "subscription.*) moves no money: ignore. A layer's field mappings and static values only set header fields " +
        "(class, department, terms, memo).",
        sales: ["transaction.completed"],
        refunds: ["adjustment.created", "adjustment.updated"],
        cancellations: [],
        noMoney:
        [
            "transaction.paid", "transaction.billed", "transaction.created", "transaction.ready", "transaction.updated",
            "transaction.revised", "transaction.past_due", "transaction.payment_failed", "transaction.canceled",
            "customer.created", "customer.updated", "customer.imported",
            "subscription.created", "subscription.updated", "subscription.canceled",
        ]);
}
