namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// The Stripe events the books read (https://docs.stripe.com/api/events/types). Each sale, payment and
/// refund has exactly one event that books it; the others say which one does.
/// </summary>
internal static class StripeEvents
{
    public static IReadOnlyList<HandledEvent<StripeEvent>> All { get; } =
    [
        new("invoice.paid", EventMeaning.Sale,
            "An invoice was paid: the sale with its lines, discounts, shipping and tax, paid. Every invoice is booked from this event.",
            StripeInvoiceReader.Paid),
        Ignored("invoice.payment_succeeded", "Sent with invoice.paid for the same payment.",
            "invoice.paid books the invoice and this payment once"),
        new("invoice_payment.paid", EventMeaning.NoMoney,
            "A payment was applied to an invoice (API 2025-05-28 onwards). Nothing to book: invoice.paid books the invoice and this payment once. "
            + "It names the payment intent or charge that paid the invoice, which no other event of these API versions does: the invoice's sale is linked under them, so that its refunds and disputes find it.",
            StripeInvoicePaymentReader.Paid),
        Ignored("invoice.payment_failed", "An attempt to pay an invoice failed.",
            "the payment failed: no money moved"),
        Ignored("invoice.created", "A draft invoice was created.",
            "a draft invoice can still change; the invoice is booked when it is paid (invoice.paid)"),
        Ignored("invoice.finalized", "An invoice was issued.",
            "issuing an invoice moves no money; it is booked once, with its payment, when it is paid (invoice.paid)"),
        Ignored("invoice.updated", "An invoice changed.",
            "the invoice is booked when it is paid (invoice.paid)"),
        new("invoice.voided", EventMeaning.Cancellation,
            "An invoice was voided: its document, if one was booked, is voided.",
            StripeInvoiceReader.Voided),
        Ignored("invoice.marked_uncollectible", "An invoice was written off as uncollectible.",
            "the invoice was written off unpaid; unpaid invoices are not booked, so there is nothing to write off"),
        new("credit_note.created", EventMeaning.Refund,
            "A credit note was issued. What it credited to the customer's balance after the invoice was paid is owed to the customer and taken back out of the invoice's income and tax, each line at its own tax code. "
            + "What it refunded is booked from the refund's own event, what it credited outside of Stripe is left to a person (OUT_OF_BAND_NOT_BOOKED), and a credit note issued before payment is booked with its invoice (invoice.paid).",
            StripeCreditNoteReader.Created),
        Ignored("credit_note.updated", "A credit note's memo or metadata changed.", "the change moves no money"),
        new("credit_note.voided", EventMeaning.Cancellation,
            "A credit note was voided, which reverses its credit to the customer's balance: what credit_note.created booked for it is taken back "
            + "(the zero payment voided, the credit memo deleted, the customer balance invoice voided). A credit note that put nothing onto the balance, "
            + "or whose credit was never booked, books nothing.",
            StripeCreditNoteReader.Voided),
        new("payment_intent.succeeded", EventMeaning.Sale,
            "A payment that no invoice covers succeeded: a one-line sale, paid. Payments of invoices are left to invoice.paid.",
            StripePaymentReader.PaymentIntentSucceeded),
        Ignored("payment_intent.created", "A payment was started.", "a started payment moves no money"),
        Ignored("payment_intent.processing", "A payment is processing.", "the payment has not succeeded yet: no money moved"),
        Ignored("payment_intent.requires_action", "A payment waits for the customer.", "the payment has not succeeded yet: no money moved"),
        Ignored("payment_intent.amount_capturable_updated", "A payment was authorized for later capture.",
            "an authorization moves no money; the capture is booked from payment_intent.succeeded"),
        Ignored("payment_intent.payment_failed", "A payment attempt failed.", "the payment failed: no money moved"),
        Ignored("payment_intent.canceled", "A payment was canceled.", "the payment was canceled: no money moved"),
        new("charge.succeeded", EventMeaning.Sale,
            "A charge made without a payment intent was captured: a one-line sale, paid. Other charges are booked from their payment intent or invoice.",
            StripePaymentReader.ChargeMoved),
        new("charge.captured", EventMeaning.Sale,
            "A charge made without a payment intent, authorized earlier, was captured: a one-line sale, paid.",
            StripePaymentReader.ChargeMoved),
        Ignored("charge.pending", "A charge is pending.", "the charge has not succeeded yet: no money moved"),
        Ignored("charge.failed", "A charge failed.", "the charge failed: no money moved"),
        Ignored("charge.expired", "An uncaptured charge expired.", "the authorization expired uncaptured: no money moved"),
        Ignored("charge.updated", "A charge's description or metadata changed.", "the change moves no money"),
        new("charge.refunded", EventMeaning.Refund,
            "Money was refunded on a charge. Up to API 2024-09-30 this books the refund; later versions book it from refund.created.",
            StripeRefundReader.ChargeRefunded),
        new("refund.created", EventMeaning.Refund,
            "A refund was created; booked once it has succeeded (from API 2024-10-28, the event that books every refund).",
            StripeRefundReader.RefundChanged),
        new("refund.updated", EventMeaning.Refund,
            "A refund changed, for example from pending to succeeded; booked once it has succeeded. A refund that failed or was canceled is read as refund.failed is.",
            StripeRefundReader.RefundChanged),
        new("charge.refund.updated", EventMeaning.Refund,
            "The older name of refund.updated; booked once the refund has succeeded, taken back as refund.failed is when it failed or was canceled.",
            StripeRefundReader.RefundChanged),
        new("refund.failed", EventMeaning.Cancellation,
            "A refund failed, even one that had succeeded, and its money went back to the Stripe balance: the refund receipt (or credit memo) booked for it is deleted. "
            + "A refund that failed before anything was booked for it books nothing.",
            StripeRefundReader.RefundChanged),
        Ignored("charge.dispute.created", "A customer disputed a charge.", "a dispute awaiting response moves no money"),
        Ignored("charge.dispute.updated", "A dispute changed.", "a dispute's money moves with funds_withdrawn and funds_reinstated"),
        Ignored("charge.dispute.closed", "A dispute was decided.", "a dispute's money moves with funds_withdrawn and funds_reinstated"),
        new("charge.dispute.funds_withdrawn", EventMeaning.Refund,
            "Stripe withdrew a disputed amount (a chargeback): money back to the customer, booked like a refund.",
            StripeDisputeReader.FundsWithdrawn),
        new("charge.dispute.funds_reinstated", EventMeaning.Refund,
            "Funds withdrawn for a dispute came back (the dispute was won): a sales receipt of what the chargeback gave back, dated the day they came back.",
            StripeDisputeReader.FundsReinstated) { Books = KnownEvent.Reinstatement },
        new("checkout.session.completed", EventMeaning.NoMoney,
            "A Checkout session finished. Its payment is booked from payment_intent.succeeded or its invoice's invoice.paid, never twice.",
            StripeCheckoutReader.Completed),
        Ignored("checkout.session.async_payment_succeeded", "A delayed Checkout payment arrived.",
            "the payment is booked once, from payment_intent.succeeded"),
        Ignored("checkout.session.async_payment_failed", "A delayed Checkout payment failed.", "the payment failed: no money moved"),
        Ignored("checkout.session.expired", "A Checkout session expired unpaid.", "the session expired: no money moved"),
        Ignored("customer.created", "A customer was created.", "a customer record moves no money"),
        Ignored("customer.updated", "A customer changed.", "a customer record moves no money"),
    ];

    private static HandledEvent<StripeEvent> Ignored(string eventType, string description, string reason) =>
        new(eventType, EventMeaning.NoMoney, $"{description} Nothing to book: {reason}.", stripe => stripe.NoMoney(reason));
}
