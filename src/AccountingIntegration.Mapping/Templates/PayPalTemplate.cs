namespace AccountingIntegration.Mapping;

/// <summary>PayPal's webhook events (Orders v2 captures and the older v1 payments and sales), booked by the PayPal adapter.</summary>
internal static class PayPalTemplate
{
    public static BuiltInTemplate Create() => EventTemplate.Create(
        "PayPal events",
        "paypal",
        previousName: "PayPal PAYMENTS.PAYMENT.CREATED",
        "PayPal events, booked from the capture, payment or sale (items, shipping, tax). PAYMENT.CAPTURE.COMPLETED, " +
        "PAYMENTS.PAYMENT.CREATED and PAYMENT.SALE.COMPLETED: auto, an invoice with its payment. PAYMENT.CAPTURE.REFUNDED, " +
        "PAYMENT.CAPTURE.REVERSED, PAYMENT.SALE.REFUNDED and PAYMENT.SALE.REVERSED: auto, a refund receipt for a paid sale, " +
        "else a credit memo applied to the invoice. CUSTOMER.DISPUTE.RESOLVED: auto, a sales receipt of the money back when " +
        "a card chargeback was won, else nothing. Every other known event (pending, denied or declined payments, " +
        "authorizations, checkout orders, disputes, billing plans and subscriptions) moves no money: ignore. A layer's " +
        "field mappings and static values only set header fields (class, department, terms, memo).",
        sales: ["PAYMENT.CAPTURE.COMPLETED", "PAYMENTS.PAYMENT.CREATED", "PAYMENT.SALE.COMPLETED"],
        refunds: ["PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.REVERSED", "PAYMENT.SALE.REFUNDED", "PAYMENT.SALE.REVERSED", "CUSTOMER.DISPUTE.RESOLVED"],
        cancellations: [],
        noMoney:
        [
            "PAYMENT.CAPTURE.PENDING", "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED",
            "PAYMENT.AUTHORIZATION.CREATED", "PAYMENT.AUTHORIZATION.VOIDED",
            "CHECKOUT.ORDER.APPROVED", "CHECKOUT.ORDER.COMPLETED", "CHECKOUT.PAYMENT-APPROVAL.REVERSED",
            "PAYMENT.SALE.PENDING", "PAYMENT.SALE.DENIED",
            "CUSTOMER.DISPUTE.CREATED", "CUSTOMER.DISPUTE.UPDATED",
            "BILLING.PLAN.CREATED", "BILLING.SUBSCRIPTION.CREATED", "BILLING.SUBSCRIPTION.ACTIVATED",
            "BILLING.SUBSCRIPTION.CANCELLED", "BILLING.SUBSCRIPTION.PAYMENT.FAILED",
        ]);
}
