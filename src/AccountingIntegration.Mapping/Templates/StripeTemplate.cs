namespace AccountingIntegration.Mapping;

/// <summary>
/// Stripe's events, booked by the Stripe adapter from Stripe's own objects. Each sale, payment and refund has
/// exactly one event that books it; the others are named so an operator sees they are deliberately ignored.
/// </summary>
internal static class StripeTemplate
{
    public static BuiltInTemplate Create() => EventTemplate.Create(
        "Stripe events",
        "stripe",
        previousName: "Stripe invoice.paid",
        "Stripe events, booked from Stripe's own objects (lines, discounts, shipping, tax). Sales (invoice.paid; " +
        "payment_intent.succeeded without an invoice; charge.succeeded and charge.captured without a payment intent): auto, " +
        "an invoice with its payment. Refunds (charge.refunded, refund.created, refund.updated, charge.refund.updated, " +
        "charge.dispute.funds_withdrawn): auto, a refund receipt for a paid sale, else a credit memo applied to the invoice. " +
        "charge.dispute.funds_reinstated: auto, a sales receipt of the money back. " +
        "credit_note.created: auto, what a credit note issued after payment credited to the customer's balance, owed to them " +
        "and taken out of income and tax. invoice.voided: void. refund.failed, credit_note.voided: void, taking back their documents. " +
        "invoice_payment.paid: auto, links the invoice's sale under the payment that paid it, for its refunds. " +
        "Other events move no money: ignore. A layer's field mappings and static values only set header fields (class, department, terms, memo).",
        sales: ["invoice.paid", "payment_intent.succeeded", "charge.succeeded", "charge.captured"],
        refunds:
        [
            "charge.refunded", "refund.created", "refund.updated", "charge.refund.updated", "charge.dispute.funds_withdrawn",
            "charge.dispute.funds_reinstated", "credit_note.created",
        ],
        cancellations: ["invoice.voided", "refund.failed", "credit_note.voided"],
        readByContent: ["invoice_payment.paid"],
        noMoney:
        [
            "invoice.payment_succeeded", "invoice.payment_failed", "invoice.created", "invoice.finalized",
            "invoice.updated", "invoice.marked_uncollectible",
            "payment_intent.created", "payment_intent.processing", "payment_intent.requires_action",
            "payment_intent.amount_capturable_updated", "payment_intent.payment_failed", "payment_intent.canceled",
            "charge.pending", "charge.failed", "charge.expired", "charge.updated",
            "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed",
            "checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
            "checkout.session.expired", "customer.created", "customer.updated",
            "credit_note.updated",
        ]);
}
