using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// The buyer. The order's own <c>email</c> is the address the order was placed with and wins over the
/// customer record's (they differ in Shopify's sample order); the name comes from the customer record,
/// else the billing address; the company only from the billing address.
/// </summary>
internal static class ShopifyCustomer
{
    public static Party Read(JsonElement order) => new()
    {
        Email = order.Text("email") ?? order.Text("contact_email") ?? order.Text("customer.email"),
        Name = FullName(order, "customer") ?? FullName(order, "billing_address") ?? order.Text("billing_address.name"),
        Company = order.Text("billing_address.company"),
        Phone = order.Text("phone") ?? order.Text("billing_address.phone") ?? order.Text("customer.phone"),
        ExternalId = order.Text("customer.id"),
        BillingAddress = Address(order, "billing_address"),
        ShippingAddress = Address(order, "shipping_address"),
    };

    private static string? FullName(JsonElement order, string owner)
    {
        var name = string.Join(' ', new[] { order.Text($"{owner}.first_name"), order.Text($"{owner}.last_name") }.OfType<string>());
        return name.Length > 0 ? name : null;
    }

    private static Address? Address(JsonElement order, string name)
    {
        if (order.At(name) is not { ValueKind: JsonValueKind.Object } address)
        {
            return null;
        }

        return new Address
        {
            Line1 = address.Text("address1"),
            Line2 = address.Text("address2"),
            City = address.Text("city"),
            Region = address.Text("province_code") ?? address.Text("province"),
            PostalCode = address.Text("zip"),
            Country = address.Text("country_code") ?? address.Text("country"),
        };
    }
}
