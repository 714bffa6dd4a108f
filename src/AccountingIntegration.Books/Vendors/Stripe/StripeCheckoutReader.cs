namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// checkout.session.completed. A session never carries its line items in the event (they must be fetched,
/// https://docs.stripe.com/api/checkout/sessions/object#checkout_session_object-line_items), and every
/// payment it takes is also a PaymentIntent or an invoice with events of their own. So the session books
/// nothing: an invoice's payment is booked by invoice.paid, any other payment by payment_intent.succeeded,
/// each once. The reason names which.
/// </summary>
internal static class StripeCheckoutReader
{
    public static AdapterResult Completed(StripeEvent stripe)
    {
        var session = stripe.Object;
        if (session.IdAt("invoice") is { } invoice)
        {
            return stripe.NoMoney($"the session's invoice {invoice} is booked from its own events (invoice.paid)");
        }

        return (session.Text("mode"), session.Text("payment_status")) switch
        {
            ("subscription", _) => stripe.NoMoney("a subscription's payments are booked from its invoices' events (invoice.paid)"),
            ("setup", _) => stripe.NoMoney("the session only saved a payment method: no money moved"),
            (_, "unpaid") => stripe.NoMoney("the payment has not arrived yet (a delayed payment method): nothing is booked until it succeeds"),
            (_, "no_payment_required") => stripe.NoMoney("the session needed no payment: no money moved"),
            _ => stripe.NoMoney(session.IdAt("payment_intent") is { } paymentIntent
                ? $"the payment is booked once, from payment_intent.succeeded of {paymentIntent}"
                : "the payment is booked once, from payment_intent.succeeded"),
        };
    }
}
