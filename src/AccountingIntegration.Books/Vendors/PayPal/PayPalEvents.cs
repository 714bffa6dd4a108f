namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>
/// The PayPal events the books read (https://developer.paypal.com/api/rest/webhooks/event-names/). Orders v2
/// money moves as captures; v1 checkout payments as PAYMENTS.PAYMENT.CREATED (and PAYMENT.SALE.COMPLETED when the
/// sale was still pending then); subscription payments as PAYMENT.SALE.COMPLETED. Each is booked by one event.
/// </summary>
internal static class PayPalEvents
{
    public static IReadOnlyList<HandledEvent<PayPalNotification>> All { get; } =
    [
        new("PAYMENT.CAPTURE.COMPLETED", EventMeaning.Sale,
            "Money was captured (Orders v2): the sale and its payment at the gross amount, into Undeposited Funds (PayPal's fee comes off when the payout is deposited). Every capture is booked from this event.",
            PayPalCaptureReader.Completed),
        Ignored("PAYMENT.CAPTURE.PENDING", "A capture is pending (held for review or an eCheck).",
            "the capture is pending: no money settled yet; PAYMENT.CAPTURE.COMPLETED books it"),
        Ignored("PAYMENT.CAPTURE.DENIED", "A capture was denied.", "the capture was denied: no money moved"),
        Ignored("PAYMENT.CAPTURE.DECLINED", "A capture was declined.", "the capture was declined: no money moved"),
        new("PAYMENT.CAPTURE.REFUNDED", EventMeaning.Refund,
            "A capture was refunded (in full or in part): money back to the customer under the refund's id.",
            PayPalRefundReader.CaptureRefunded),
        new("PAYMENT.CAPTURE.REVERSED", EventMeaning.Refund,
            "PayPal took a capture's money back (a chargeback or PayPal's own reversal): money back to the customer, booked like a refund.",
            PayPalRefundReader.CaptureReversed),
        Ignored("PAYMENT.AUTHORIZATION.CREATED", "A payment was authorized.", "an authorization moves no money; its capture is booked"),
        Ignored("PAYMENT.AUTHORIZATION.VOIDED", "An authorization was voided.", "the authorization was voided: no money moved"),
        Ignored("CHECKOUT.ORDER.APPROVED", "The buyer approved an order.", "an approved order moves no money; its captures are booked"),
        Ignored("CHECKOUT.ORDER.COMPLETED", "An order was completed.", "the order's captures are booked from PAYMENT.CAPTURE.COMPLETED"),
        Ignored("CHECKOUT.PAYMENT-APPROVAL.REVERSED", "An approved but uncaptured payment was reversed.", "nothing was captured: no money moved"),
        new("PAYMENTS.PAYMENT.CREATED", EventMeaning.Sale,
            "A v1 Payments API payment was approved: the sale with its items, tax, shipping, handling and discounts, paid when its sale has completed.",
            PayPalPaymentReader.Created),
        new("PAYMENT.SALE.COMPLETED", EventMeaning.Sale,
            "A v1 sale settled. A subscription payment is booked here as a sale, paid; a checkout sale's payment is applied to the invoice PAYMENTS.PAYMENT.CREATED booked, when that did not apply it already (the sale was pending then).",
            PayPalSaleReader.Completed),
        Ignored("PAYMENT.SALE.PENDING", "A v1 sale is pending.", "the sale is pending: no money settled yet"),
        Ignored("PAYMENT.SALE.DENIED", "A v1 sale was denied.", "the sale was denied: no money moved"),
        new("PAYMENT.SALE.REFUNDED", EventMeaning.Refund,
            "A v1 sale was refunded: money back to the customer under the refund's id.",
            PayPalRefundReader.SaleRefunded),
        new("PAYMENT.SALE.REVERSED", EventMeaning.Refund,
            "PayPal took a v1 sale's money back (a chargeback): booked like a refund.",
            PayPalRefundReader.SaleReversed),
        Ignored("CUSTOMER.DISPUTE.CREATED", "A buyer opened a dispute.",
            "a dispute awaiting resolution moves no money; money PayPal takes back arrives as PAYMENT.CAPTURE.REVERSED"),
        Ignored("CUSTOMER.DISPUTE.UPDATED", "A dispute changed.",
            "a dispute's money moves as PAYMENT.CAPTURE.REVERSED or a refund, and a chargeback won comes back with CUSTOMER.DISPUTE.RESOLVED"),
        new("CUSTOMER.DISPUTE.RESOLVED", EventMeaning.Refund,
            "A dispute was resolved. A chargeback through the buyer's card issuer (dispute_channel EXTERNAL) that the seller won, or the buyer withdrew, gave back the money PayPal reversed when it was filed: a sales receipt of the disputed amount, dated when the dispute was resolved. Any other resolution books nothing: a claim opened with PayPal only held the funds, and money the buyer got back arrives as PAYMENT.CAPTURE.REVERSED or a refund.",
            PayPalDisputeReader.Resolved) { Books = KnownEvent.Reinstatement },
        Ignored("BILLING.PLAN.CREATED", "A billing plan was created.", "a plan moves no money"),
        Ignored("BILLING.SUBSCRIPTION.CREATED", "A subscription was created.", "a subscription's payments are booked from PAYMENT.SALE.COMPLETED"),
        Ignored("BILLING.SUBSCRIPTION.ACTIVATED", "A subscription was activated.", "a subscription's payments are booked from PAYMENT.SALE.COMPLETED"),
        Ignored("BILLING.SUBSCRIPTION.CANCELLED", "A subscription was cancelled.", "cancelling a subscription moves no money"),
        Ignored("BILLING.SUBSCRIPTION.PAYMENT.FAILED", "A subscription payment failed.", "the payment failed: no money moved"),
    ];

    private static HandledEvent<PayPalNotification> Ignored(string eventType, string description, string reason) =>
        new(eventType, EventMeaning.NoMoney, $"{description} Nothing to book: {reason}.", paypal => paypal.NoMoney(reason));
}
