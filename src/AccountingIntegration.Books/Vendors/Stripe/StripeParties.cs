using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>Who paid, from the fields each Stripe object carries about its customer.</summary>
internal static class StripeParties
{
    /// <summary>
    /// An invoice's customer as frozen at finalization: customer_email, customer_name, customer_phone,
    /// customer_address, customer_shipping (https://docs.stripe.com/api/invoices/object).
    /// </summary>
    public static Party FromInvoice(JsonElement invoice) => new()
    {
        Email = invoice.Text("customer_email") ?? invoice.Text("customer.email"),
        Name = invoice.Text("customer_name") ?? invoice.Text("customer.name"),
        Phone = invoice.Text("customer_phone"),
        ExternalId = invoice.IdAt("customer"),
        BillingAddress = invoice.AddressAt("customer_address"),
        ShippingAddress = invoice.AddressAt("customer_shipping.address"),
    };

    /// <summary>
    /// A charge's payer: billing_details from the payment method, receipt_email, the shipping recipient
    /// (https://docs.stripe.com/api/charges/object). The recipient's name is the last resort for a name.
    /// </summary>
    public static Party FromCharge(JsonElement charge) => new()
    {
        Email = charge.Text("billing_details.email") ?? charge.Text("receipt_email"),
        Name = charge.Text("billing_details.name") ?? charge.Text("shipping.name"),
        Phone = charge.Text("billing_details.phone") ?? charge.Text("shipping.phone"),
        ExternalId = charge.IdAt("customer"),
        BillingAddress = charge.AddressAt("billing_details.address"),
        ShippingAddress = charge.AddressAt("shipping.address"),
    };

    /// <summary>
    /// A payment intent's payer: receipt_email, shipping and customer; old API versions (before 2022-11-15)
    /// also embed the charges, whose billing details say more.
    /// </summary>
    public static Party FromPaymentIntent(JsonElement paymentIntent)
    {
        var fromCharge = paymentIntent.Array("charges.data").Select(FromCharge).FirstOrDefault() ?? new Party();
        return new Party
        {
            Email = fromCharge.Email ?? paymentIntent.Text("receipt_email"),
            Name = fromCharge.Name ?? paymentIntent.Text("shipping.name"),
            Phone = fromCharge.Phone ?? paymentIntent.Text("shipping.phone"),
            ExternalId = paymentIntent.IdAt("customer"),
            BillingAddress = fromCharge.BillingAddress,
            ShippingAddress = paymentIntent.AddressAt("shipping.address") ?? fromCharge.ShippingAddress,
        };
    }
}
