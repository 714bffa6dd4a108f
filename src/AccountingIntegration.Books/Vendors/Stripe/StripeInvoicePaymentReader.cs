using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// invoice_payment.paid: a payment applied to an invoice (https://docs.stripe.com/api/invoice-payment/object). It moves no
/// money the books do not already have (invoice.paid books the invoice with its payment), but it is the only event that
/// pairs an invoice with the payment intent or charge that paid it: from API 2025-03-31.basil the invoice and the payment
/// no longer name each other, and a refund or dispute names only the charge and payment intent. So it names the invoice's
/// sale: the sale is linked under them once booked, and its refunds find it. Stripe's event list has it from
/// 2025-05-28.basil: on 2025-03-31 and 2025-04-30 nothing pairs them.
/// </summary>
internal static class StripeInvoicePaymentReader
{
    public static AdapterResult Paid(StripeEvent stripe)
    {
        var invoicePayment = stripe.Object;
        if (!stripe.TryRequire("id", out var id, out var failure))
        {
            return failure;
        }

        var status = invoicePayment.Text("status");
        if (status != "paid")
        {
            return stripe.NoMoney($"the invoice payment is {status ?? "of unknown status"}: no money moved");
        }

        if (invoicePayment.IdAt("invoice") is not { } invoice)
        {
            return StripeEvent.Missing("invoice");
        }

        var payments = PaymentNames(invoicePayment);
        if (payments.Count == 0)
        {
            return stripe.NoMoney($"invoice.paid books invoice {invoice} and this payment once; the payment names no payment intent or charge (a payment recorded outside Stripe), so no refund of it comes from Stripe");
        }

        var names = string.Join(" and ", payments.Select(name => $"{name.Kind.Replace('_', ' ')} {name.Id}"));
        return AdapterResult.Of(stripe.Describe(EventMeaning.NoMoney, new SourceObject("invoice_payment", id)) with
        {
            IgnoredBecause = $"invoice.paid books invoice {invoice} and this payment once; {names} paid it, so its sale is found by those names too",
            OnlyNamesTheSale = true,
            Original = new SourceObject("invoice", invoice),
            Aliases = payments,
        });
    }

    /// <summary>
    /// The payment intent, or the charge of a payment made without one, under <c>payment</c> (2025-03-31.basil to
    /// 2025-10-29.clover) or at the object's top level (the 2025-11-17 previews' layout).
    /// </summary>
    private static List<SourceObject> PaymentNames(JsonElement invoicePayment) =>
    [
        .. new[] { "payment_intent", "charge" }
            .SelectMany(kind => new[] { invoicePayment.IdAt($"payment.{kind}"), invoicePayment.IdAt(kind) }.OfType<string>().Select(id => new SourceObject(kind, id)))
            .Distinct(),
    ];
}
