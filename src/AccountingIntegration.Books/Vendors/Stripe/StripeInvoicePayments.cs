using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// Whether a charge or payment intent pays an invoice, in which case invoice.paid books it and the payment
/// events must not. Before 2025-03-31 both objects name their <c>invoice</c>. From 2025-03-31.basil they no
/// longer do (https://docs.stripe.com/changelog/basil/2025-03-31/add-support-for-multiple-partial-payments-on-invoices),
/// and the only mark an event still carries is the description Stripe gives the payments it creates for
/// invoices, which the integration cannot edit: "Subscription creation" (the example in
/// https://docs.stripe.com/billing/subscriptions/billing-mode), "Subscription update" for renewals and
/// changes, "Payment for Invoice" for one-off invoices (stripe-ruby-mock/stripe-ruby-mock
/// lib/stripe_mock/webhook_fixtures/payment_intent.requires_action.json, beside the invoice it pays).
/// A payment an integration creates itself carries its own description or none. This is a heuristic, the
/// best a single event allows; invoice_payment.paid names the pair for certain but arrives separately
/// (<see cref="StripeInvoicePaymentReader"/>: it links the invoice's sale under the payment's names, so a payment the
/// heuristic misses and that comes after it finds its invoice booked rather than booking the money again).
/// </summary>
internal static class StripeInvoicePayments
{
    private static readonly HashSet<string> DescriptionsStripeGivesInvoicePayments = new(StringComparer.Ordinal)
    {
        "Subscription creation",
        "Subscription update",
        "Payment for Invoice",
    };

    /// <summary>The invoice the payment pays, in words for the reason it is not booked here; null when it pays none.</summary>
    public static string? InvoiceOf(JsonElement payment, string? apiVersion)
    {
        if (payment.IdAt("invoice") is { } invoice)
        {
            return $"invoice {invoice}";
        }

        var namesItsInvoice = payment.TryGetProperty("invoice", out _) || !StripeApiVersion.IsAtLeast(apiVersion, StripeApiVersion.InvoiceLinksRemoved);
        return !namesItsInvoice && payment.Text("description") is { } description && DescriptionsStripeGivesInvoicePayments.Contains(description)
            ? $"an invoice (Stripe describes it \"{description}\")"
            : null;
    }
}
